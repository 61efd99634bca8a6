"""A stand-in for a platform's form: a real Tk window with the given title and three one-line
fields (API key, secret, passphrase), the first focused. Prints `ready` once it has the keyboard
focus; on each `dump` line from stdin, prints the fields' contents as JSON."""

import json
import sys
import tkinter

root = tkinter.Tk()
root.title(sys.argv[1])
fields = [tkinter.Entry(root, width=60) for _ in range(3)]
for field in fields:
    field.pack()


def ready(_event):
    fields[0].unbind("<FocusIn>")
    print("ready", flush=True)


def dump(_file, _mask):
    if not sys.stdin.readline():
        root.destroy()
        return
    # Handles every X event already received (the typed keys) before reading the fields.
    root.update()
    print(json.dumps([field.get() for field in fields]), flush=True)


fields[0].bind("<FocusIn>", ready)
root.tk.createfilehandler(sys.stdin, tkinter.READABLE, dump)
root.wait_visibility()
root.focus_force()
fields[0].focus_force()
root.mainloop()

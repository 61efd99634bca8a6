#!/usr/bin/python3
"""WebKitGTK's own memory floor, to read the app's idle-memory figure against.

Opens a bare WebKitGTK window (the settings src-tauri/webview.rs applies, a page with a heading and
a password field, no script), waits until it is idle, and prints the summed RSS and PSS of the
process and WebKit's web and network processes, the way benches/app measures the app.

Needs python3-gi and gir1.2-webkit2-4.1 (Debian), and a display:
    xvfb-run -a --server-args="-screen 0 1280x800x24" scripts/webkit-floor.py
"""

import os
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402

PAGE = """<!doctype html><html><body style="font-family: system-ui, sans-serif">
<h1>Coffre</h1><p>A bare page.</p><input type="password"></body></html>"""
IDLE_SECONDS = 8


def children(pid: int) -> list[int]:
    found, queue = [], [pid]
    pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    while queue:
        parent = queue.pop()
        for p in pids:
            try:
                with open(f"/proc/{p}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            if ppid == parent:
                found.append(p)
                queue.append(p)
    return found


def memory_kib(pid: int) -> tuple[int, int]:
    fields = {}
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            name, _, rest = line.partition(":")
            if name in ("Rss", "Pss"):
                fields[name] = int(rest.split()[0])
    return fields["Rss"], fields["Pss"]


def report() -> bool:
    rss = pss = 0
    for pid in [os.getpid(), *children(os.getpid())]:
        r, p = memory_kib(pid)
        with open(f"/proc/{pid}/comm") as f:
            name = f.read().strip()
        print(f"  {name} ({pid}): {r // 1024} MiB RSS, {p // 1024} MiB PSS", file=sys.stderr)
        rss, pss = rss + r, pss + p
    print(f"bare WebKitGTK window, idle: {pss / 1024:.1f} MiB PSS ({rss / 1024:.1f} MiB summed RSS)")
    Gtk.main_quit()
    return False


window = Gtk.Window(title="floor")
window.set_default_size(1100, 720)
view = WebKit2.WebView()
view.get_settings().set_hardware_acceleration_policy(WebKit2.HardwareAccelerationPolicy.NEVER)
view.get_context().set_cache_model(WebKit2.CacheModel.DOCUMENT_VIEWER)
window.add(view)
window.show_all()
view.load_html(PAGE, "about:blank")
GLib.timeout_add_seconds(IDLE_SECONDS, report)
Gtk.main()

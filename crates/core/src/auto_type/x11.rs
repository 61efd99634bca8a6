//! The X11 keyboard: keystrokes through the XTEST extension, the focused window's title from its
//! `_NET_WM_NAME` (or `WM_NAME`). x11rb is pure Rust (no libxdo/libXtst to install) and already
//! in the build through arboard; enigo would bring a C toolchain dependency for the same calls.
//!
//! Characters are typed with the keys of the current layout (its unshifted and shifted levels):
//! a character the layout lacks is refused before anything is typed, rather than remapping a
//! spare key code, which clients apply asynchronously and could turn into a wrong character.

use super::{AutoTypeError, Keyboard, Stroke};
use crate::auto_type::field_name;
use coffre_catalog::platform::FieldSeparator;
use x11rb::connection::Connection;
use x11rb::protocol::xproto::{
    AtomEnum, ConnectionExt as _, KeyButMask, Keycode, Window, KEY_PRESS_EVENT, KEY_RELEASE_EVENT,
};
use x11rb::protocol::xtest::ConnectionExt as _;
use x11rb::rust_connection::RustConnection;

const XK_TAB: u32 = 0xff09;
const XK_RETURN: u32 = 0xff0d;
const XK_SHIFT_L: u32 = 0xffe1;

/// Whether the session is Wayland, from the variables a Wayland session sets (XWayland's
/// `DISPLAY` reaches only X programs, not a Wayland browser).
pub fn is_wayland(var: impl Fn(&str) -> Option<String>) -> bool {
    var("WAYLAND_DISPLAY").is_some_and(|v| !v.is_empty())
        || var("XDG_SESSION_TYPE").is_some_and(|v| v.eq_ignore_ascii_case("wayland"))
}

/// The keysym X names a character by: Latin-1 as is, the rest as Unicode keysyms.
pub fn keysym_of(c: char) -> u32 {
    let cp = c as u32;
    if (0x20..=0x7e).contains(&cp) || (0xa0..=0xff).contains(&cp) {
        cp
    } else {
        0x0100_0000 + cp
    }
}

/// A key press: its key code, with Shift or without.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Press {
    pub keycode: Keycode,
    pub shift: bool,
}

/// The keyboard mapping: each key code's keysyms, unshifted first.
pub struct Layout {
    pub min_keycode: Keycode,
    pub per_keycode: usize,
    pub keysyms: Vec<u32>,
}

impl Layout {
    /// The key typing `keysym`: an unshifted level anywhere first, then a shifted one.
    pub fn press_for(&self, keysym: u32) -> Option<Press> {
        let per = self.per_keycode.max(1);
        let rows = || self.keysyms.chunks(per).enumerate();
        let keycode = |i: usize| self.min_keycode.checked_add(u8::try_from(i).ok()?);
        let find = |level: usize, shift: bool| {
            rows()
                .find(|(_, syms)| syms.get(level) == Some(&keysym))
                .and_then(|(i, _)| keycode(i))
                .map(|keycode| Press { keycode, shift })
        };
        find(0, false).or_else(|| find(1, true))
    }
}

pub struct X11Keyboard {
    conn: RustConnection,
    root: Window,
    layout: Layout,
}

fn backend(e: impl std::fmt::Display) -> AutoTypeError {
    AutoTypeError::Backend(e.to_string())
}

impl X11Keyboard {
    /// Connects to `$DISPLAY`; refuses Wayland and a server without XTEST.
    pub fn connect() -> Result<X11Keyboard, AutoTypeError> {
        if is_wayland(|name| std::env::var(name).ok()) {
            return Err(AutoTypeError::Wayland);
        }
        if std::env::var("DISPLAY").map_or(true, |d| d.is_empty()) {
            return Err(AutoTypeError::NoDisplay("DISPLAY is not set".into()));
        }
        let (conn, screen) =
            x11rb::connect(None).map_err(|e| AutoTypeError::NoDisplay(e.to_string()))?;
        let root = conn.setup().roots[screen].root;
        conn.xtest_get_version(2, 2)
            .map_err(backend)?
            .reply()
            .map_err(|_| backend("the X server has no XTEST extension"))?;
        let (min, max) = (conn.setup().min_keycode, conn.setup().max_keycode);
        let mapping = conn
            .get_keyboard_mapping(min, max - min + 1)
            .map_err(backend)?
            .reply()
            .map_err(backend)?;
        let layout = Layout {
            min_keycode: min,
            per_keycode: usize::from(mapping.keysyms_per_keycode),
            keysyms: mapping.keysyms,
        };
        Ok(X11Keyboard { conn, root, layout })
    }

    fn title_of(&self, window: Window) -> Result<Option<String>, AutoTypeError> {
        let atom = |name: &[u8]| -> Result<u32, AutoTypeError> {
            let reply = self.conn.intern_atom(false, name).map_err(backend)?;
            Ok(reply.reply().map_err(backend)?.atom)
        };
        let net_wm_name = atom(b"_NET_WM_NAME")?;
        for property in [net_wm_name, AtomEnum::WM_NAME.into()] {
            let reply = self
                .conn
                .get_property(false, window, property, AtomEnum::ANY, 0, 4096)
                .map_err(backend)?
                .reply()
                .map_err(backend)?;
            if !reply.value.is_empty() {
                return Ok(Some(String::from_utf8_lossy(&reply.value).into_owned()));
            }
        }
        Ok(None)
    }

    fn press(&self, press: Press) -> Result<(), AutoTypeError> {
        let shift = match press.shift {
            true => Some(self.shift_keycode()?),
            false => None,
        };
        let fake = |kind: u8, keycode: Keycode| {
            self.conn
                .xtest_fake_input(kind, keycode, 0, self.root, 0, 0, 0)
                .map(drop)
                .map_err(backend)
        };
        if let Some(shift) = shift {
            fake(KEY_PRESS_EVENT, shift)?;
        }
        fake(KEY_PRESS_EVENT, press.keycode)?;
        fake(KEY_RELEASE_EVENT, press.keycode)?;
        if let Some(shift) = shift {
            fake(KEY_RELEASE_EVENT, shift)?;
        }
        Ok(())
    }

    fn shift_keycode(&self) -> Result<Keycode, AutoTypeError> {
        self.layout
            .press_for(XK_SHIFT_L)
            .map(|p| p.keycode)
            .ok_or_else(|| backend("the keyboard layout has no Shift key"))
    }

    /// Each key press of the strokes, in order, or the field with a character the layout lacks.
    /// Presses are not collected: they spell the secret.
    fn each_press(
        &self,
        strokes: &[Stroke],
        mut f: impl FnMut(Press) -> Result<(), AutoTypeError>,
    ) -> Result<(), AutoTypeError> {
        for stroke in strokes {
            match stroke {
                Stroke::Key(separator) => {
                    let keysym = match separator {
                        FieldSeparator::Tab => XK_TAB,
                        FieldSeparator::Return => XK_RETURN,
                    };
                    let press = self.layout.press_for(keysym);
                    f(press.ok_or_else(|| backend("the layout has no Tab/Return key"))?)?;
                }
                Stroke::Text { field, value } => {
                    for c in value.expose().chars() {
                        let press = self.layout.press_for(keysym_of(c));
                        f(press.ok_or(AutoTypeError::NotOnLayout {
                            field: field_name(*field),
                        })?)?;
                    }
                }
            }
        }
        Ok(())
    }
}

impl Keyboard for X11Keyboard {
    fn focused_window_title(&mut self) -> Result<Option<String>, AutoTypeError> {
        let focus = self
            .conn
            .get_input_focus()
            .map_err(backend)?
            .reply()
            .map_err(backend)?
            .focus;
        // 0 is None, 1 is PointerRoot: no window holds the focus.
        let mut window = focus;
        while window > 1 && window != self.root {
            if let Some(title) = self.title_of(window)? {
                return Ok(Some(title));
            }
            let tree = self.conn.query_tree(window).map_err(backend)?;
            window = tree.reply().map_err(backend)?.parent;
        }
        Ok(None)
    }

    fn check(&mut self, strokes: &[Stroke]) -> Result<(), AutoTypeError> {
        let pointer = self.conn.query_pointer(self.root).map_err(backend)?;
        let mask = pointer.reply().map_err(backend)?.mask;
        if mask.contains(KeyButMask::LOCK) {
            return Err(AutoTypeError::CapsLock);
        }
        self.shift_keycode()?;
        self.each_press(strokes, |_| Ok(()))
    }

    fn type_strokes(&mut self, strokes: &[Stroke]) -> Result<(), AutoTypeError> {
        self.each_press(strokes, |press| self.press(press))?;
        // A round trip: every key event is processed by the server when this returns.
        self.conn
            .get_input_focus()
            .map_err(backend)?
            .reply()
            .map_err(backend)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wayland_is_told_by_its_variables() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(is_wayland(env(&[("WAYLAND_DISPLAY", "wayland-0")])));
        assert!(is_wayland(env(&[("XDG_SESSION_TYPE", "Wayland")])));
        assert!(!is_wayland(env(&[
            ("XDG_SESSION_TYPE", "x11"),
            ("WAYLAND_DISPLAY", "")
        ])));
        assert!(!is_wayland(env(&[])));
    }

    #[test]
    fn keysyms_are_latin1_or_unicode() {
        assert_eq!(keysym_of('a'), 0x61);
        assert_eq!(keysym_of('é'), 0xe9);
        assert_eq!(keysym_of('€'), 0x0100_20ac);
        assert_eq!(keysym_of('ệ'), 0x0100_1ec7);
    }

    #[test]
    fn presses_prefer_the_unshifted_level() {
        // Key codes 10.. : [a A] [1 !] [KP_1 ?] [! none]
        let layout = Layout {
            min_keycode: 10,
            per_keycode: 2,
            keysyms: vec![0x61, 0x41, 0x31, 0x21, 0xffb1, 0x3f, 0x21, 0],
        };
        let press = |c| layout.press_for(keysym_of(c));
        assert_eq!(
            press('a'),
            Some(Press {
                keycode: 10,
                shift: false
            })
        );
        assert_eq!(
            press('A'),
            Some(Press {
                keycode: 10,
                shift: true
            })
        );
        assert_eq!(
            press('!'),
            Some(Press {
                keycode: 13,
                shift: false
            })
        );
        assert_eq!(
            press('?'),
            Some(Press {
                keycode: 12,
                shift: true
            })
        );
        assert_eq!(press('é'), None);
    }
}

# Sourced by the screenshot scripts: a virtual screen with a window manager, and the app's window on it.
#   start_screen WIDTHxHEIGHT   Xvfb on a free display + openbox; exports DISPLAY, sets $xvfb and $wm
#   wait_for_window             waits for Via's window, activates it; sets $window and its geometry
#   stop_screen                 stops the window manager and the screen
#   shot NAME [SECONDS]         after SECONDS (1.5), the whole screen to $out/$prefix NAME.png
#   key KEYS...                 keys pressed as a person would (no modifier left held)
start_screen() {
  local n=$((90 + RANDOM % 9))
  while [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done  # a screen another run left up: take the next
  Xvfb ":$n" -screen 0 "${1}x24" -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  export DISPLAY=":$n"
  sleep 1
  openbox >/dev/null 2>&1 &
  wm=$!
  sleep 1
}

wait_for_window() {
  for _ in $(seq 60); do xdotool search --name "Via" >/dev/null 2>&1 && break; sleep 0.5; done
  window=$(xdotool search --name "Via" | tail -1)
  xdotool windowactivate --sync "$window" >/dev/null 2>&1 || true
  eval "$(xdotool getwindowgeometry --shell "$window")"
}

stop_screen() {
  kill "$wm" "$xvfb" 2>/dev/null || true
  wait 2>/dev/null || true
}

shot() {
  sleep "${2:-1.5}"
  import -window root "$out/$prefix$1.png"
  echo "$out/$prefix$1.png"
}

key() { xdotool key --clearmodifiers "$@"; }

"""`python -m app`: serves the API with uvicorn on 0.0.0.0:$PORT (default 8000)."""

import os
import re
import signal
import sys

import uvicorn


def _exit_cleanly(signum: int, frame: object) -> None:
    sys.exit(0)


def port_from_env() -> int:
    """PORT, default 8000; anything but a whole number from 1 to 65535 stops the start with one line naming it."""
    value = os.environ.get("PORT", "8000")
    if not re.fullmatch(r"[0-9]{1,5}", value.strip()) or not 1 <= int(value) <= 65535:
        raise SystemExit(f"configuration error: PORT={value!r} is not a TCP port: use a whole number from 1 to 65535")
    return int(value)


def main() -> None:
    port = port_from_env()
    # On SIGTERM uvicorn stops accepting connections, waits for requests in flight (at most
    # timeout_graceful_shutdown seconds), runs the app's shutdown, and then raises the signal again with the
    # handler that was installed before it started. Without this one that re-raised SIGTERM would kill the process
    # (exit status 143); with it, a requested stop ends with status 0, which is what process managers expect.
    signal.signal(signal.SIGTERM, _exit_cleanly)
    uvicorn.run(
        "app.main:app",
        host="0.0.0.0",
        port=port,
        # app.request_log writes one JSON line per request; uvicorn's own access line would repeat it.
        access_log=False,
        timeout_graceful_shutdown=8,
    )


if __name__ == "__main__":
    main()

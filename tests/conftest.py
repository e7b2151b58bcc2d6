"""Test configuration shared by every test: Qt runs offscreen, with no display needed."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")


def pytest_terminal_summary(terminalreporter, config) -> None:
    """pytest-randomly names its seed in the header, which -q (the README's test command) leaves out: say it at the
    end too, so a failure that depends on the order can be run again (--randomly-seed=N)."""
    seed = getattr(config.option, "randomly_seed", None)
    if isinstance(seed, int) and config.option.verbose < 0:
        terminalreporter.write_line(f"Using --randomly-seed={seed}")

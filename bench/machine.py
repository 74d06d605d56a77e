"""The machine a figure was measured on, as the benches print it beside their figures."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def machine() -> str:
    """'AMD EPYC 7B13, 2 cores, Python 3.11.7, Linux'."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"

"""desi-pack: trainerspakketten voor de DESI-training uit het werkboek
*Eenzaam ben je niet alleen*.

The core can be used without the CLI::

    from desi_pack import build, calendar_files, check, load_training
    result = build(load_training("training.yaml"), out_dir="output")
    for calendar in calendar_files(result.root):  # the .ics files, to offer for download
        print(calendar.label, calendar.path)

``end_times(training)`` says when each meeting ends and asks the trainer's question where the manual's
parts do not fill the planned length (see ``desi_pack.course.rules.MeetingEnd``).
``load_training(None)`` is the built-in example training, what ``desi-pack build --voorbeeld`` builds.
"""

__all__ = ["BuildResult", "build", "calendar_files", "check", "end_times", "load_training"]
__version__ = "0.1.0"

# What each public name is, imported only when asked for: `desi-pack --help` and the modules of
# one stage need none of the others (PEP 562).
_PUBLIC = {
    "BuildResult": "desi_pack.pack.build",
    "build": "desi_pack.pack.build",
    "calendar_files": "desi_pack.pack.calendars",
    "check": "desi_pack.course.rules",
    "end_times": "desi_pack.course.rules",
    "load_training": "desi_pack.training.config",
}


def __getattr__(name: str):
    if name in _PUBLIC:
        import importlib

        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'desi_pack' has no attribute {name!r}")

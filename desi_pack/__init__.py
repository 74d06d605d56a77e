"""desi-pack: trainerspakketten voor de DESI-training uit het werkboek
*Eenzaam ben je niet alleen*.

The core can be used without the CLI::

    from desi_pack import build, check, load_training
    result = build(load_training(None), out_dir="output")
"""

from desi_pack.course.rules import check
from desi_pack.pack.build import BuildResult, build
from desi_pack.training.config import load_training

__all__ = ["BuildResult", "build", "check", "load_training"]
__version__ = "0.1.0"

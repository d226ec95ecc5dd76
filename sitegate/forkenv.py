"""The forkserver's first preload: TensorFlow's settings read once, at its import.

``TF_ENABLE_ONEDNN_OPTS`` is read when TensorFlow is imported, so a child that set it
after the fork would change nothing: it is set here, in the forkserver only (never in
the test process, whose ``--plain-python`` runs are the readers' own), before the
preload imports TensorFlow, unless the environment names it. See
``runner.FORKSERVER_ENV`` for why.
"""

import os

from sitegate.runner import FORKSERVER_ENV

for _name, _value in FORKSERVER_ENV.items():
    os.environ.setdefault(_name, _value)

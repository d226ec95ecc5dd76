"""The forkserver's last preload: what it imported leaves the collector's view.

Imported after TensorFlow and the rest of ``runner.PRELOAD``, in the
forkserver only. ``gc.freeze()`` moves every object alive now to a permanent
generation that collections skip: a block's collections then walk only the
objects the block made, not TensorFlow's hundreds of thousands, and write
fewer of the inherited memory pages (reference counts still copy some). A
script sees it only through the ``gc`` module (``get_freeze_count``, what
``get_objects`` and ``collect`` report); no page uses ``gc``, and the fidelity
session runs every block in a fresh interpreter too and compares what it
prints.
"""

import gc

gc.collect()
gc.freeze()

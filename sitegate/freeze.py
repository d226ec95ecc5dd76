"""The forkserver's last preload: what it imported leaves the collector's view.

Imported after TensorFlow and the rest of ``runner.PRELOAD``, in the
forkserver only. ``gc.freeze()`` moves every object alive now to a permanent
generation that collections skip: a block's collections then walk only the
objects the block made, not TensorFlow's hundreds of thousands, and leave the
inherited memory pages unwritten (no copy-on-write). Nothing a script can
observe changes but ``gc.get_freeze_count()``; the fidelity session runs the
blocks in fresh interpreters too and compares what they print.
"""

import gc

gc.collect()
gc.freeze()

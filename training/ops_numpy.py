"""Loaded by `spacy train --code`: run thinc's matrix products through numpy's BLAS.

thinc's default CPU backend multiplies with its bundled BLIS, which on this project's machines is
about 3x slower than numpy's OpenBLAS for the small matrices of a CNN pipeline. The same switch is
made at run time by `entente.nlp.load()` (see entente/nlp/ops.py).
"""

from entente.nlp.ops import use_numpy_blas

use_numpy_blas()

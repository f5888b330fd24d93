"""Run thinc's matrix products through numpy's BLAS instead of thinc's bundled BLIS.

On the CPUs entente targets (x86-64 with AVX2/AVX-512), numpy's OpenBLAS multiplies the small
matrices of a CNN pipeline about 3x faster than BLIS as thinc calls it, which makes the whole
pipeline about 1.4x faster (bench/nlp_speed.py). The parser's own inner loop still calls BLIS
directly, so this only changes the tok2vec, tagger, morphologizer and lemmatizer layers.

Models take the ops current when they are built, so this must run before `spacy.load`.
"""

from __future__ import annotations


def use_numpy_blas() -> None:
    from thinc.api import NumpyOps, get_current_ops, set_current_ops

    current = get_current_ops()
    if isinstance(current, NumpyOps) and getattr(current, "use_blis", True):
        set_current_ops(NumpyOps(use_blis=False))

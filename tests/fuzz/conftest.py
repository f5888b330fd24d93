"""Fuzz tests: hypothesis profiles, and the knowledge base cached in a private folder.

Two profiles, registered here and chosen by the environment:

* `ci` (the default): 60 examples per test, no deadline (a cold model or knowledge base load in the
  first example must not fail a test), so the whole folder runs in well under a minute;
* `long` (`ENTENTE_FUZZ=long`): 5,000 examples per test, for a run on demand
  (`ENTENTE_FUZZ=long pytest tests/fuzz`); `ENTENTE_FUZZ_EXAMPLES=N` sets the count of either.

The profiles are applied per test (`fuzzcommon.FUZZ`), not loaded globally, so the property
tests elsewhere in the suite keep their own settings. Failing examples are saved in hypothesis's
database (.hypothesis/) and replayed first next time.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

TESTS = Path(__file__).resolve().parents[1]
for _folder in ("fuzz", "faults"):
    if str(TESTS / _folder) not in sys.path:
        sys.path.insert(0, str(TESTS / _folder))

PROFILE = os.environ.get("ENTENTE_FUZZ", "ci")
_EXAMPLES = {"ci": 60, "long": 5000}
_SUPPRESS = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
             HealthCheck.data_too_large]

for _name, _count in _EXAMPLES.items():
    settings.register_profile(
        _name, max_examples=int(os.environ.get("ENTENTE_FUZZ_EXAMPLES", _count)), deadline=None,
        suppress_health_check=_SUPPRESS, print_blob=True)
if PROFILE not in _EXAMPLES:
    raise pytest.UsageError(f"ENTENTE_FUZZ={PROFILE!r}: use one of {', '.join(_EXAMPLES)}")


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory) -> Iterator[None]:
    """The compiled knowledge base goes to a private folder, never the user's home."""
    mp = pytest.MonkeyPatch()
    mp.setenv("ENTENTE_CACHE_DIR", str(tmp_path_factory.mktemp("entente-cache")))
    yield
    mp.undo()

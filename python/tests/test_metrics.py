"""The SDK's metrics are the platform's: its own implementation of the definitions, checked on
the same shared fixture the TypeScript metrics are tested against
(packages/core/src/metrics/fixtures/metrics-fixtures.json, made by the independent pandas/scipy
reference make_fixtures.py)."""

import json
import math
import os

import pytest
from conftest import REPO

from seer import metrics

FIXTURE = os.path.join(REPO, "packages/core/src/metrics/fixtures/metrics-fixtures.json")
CASES = json.load(open(FIXTURE))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_matches_the_platform_fixture(case):
    inp = case["input"]
    got = metrics.compute(inp["predictions"], inp["periodsPerYear"], inp["slots"], inp["trialSharpes"])
    for key, want in case["expected"].items():
        have = got[key]
        if want is None:
            assert have is None, key
        else:
            assert have is not None, key
            assert math.isclose(have, want, rel_tol=1e-9, abs_tol=1e-12), (key, have, want)


def test_the_definition_version_is_the_platforms():
    src = open(os.path.join(REPO, "packages/core/src/metrics/metrics.ts")).read()
    assert f"METRICS_DEFINITION_VERSION = '{metrics.DEFINITION_VERSION}'" in src

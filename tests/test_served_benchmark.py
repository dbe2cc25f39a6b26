"""The served benchmark's arithmetic (tests/perf/bench_served.py): what it reads from wrk, and how rounds combine."""

from __future__ import annotations

import pytest

from tests.perf.bench_served import PAGE_TARGET, _median_ratio, _median_result, _page_ratio_row, parse_wrk

WRK_OUTPUT = """Running 4s test @ http://127.0.0.1:8765/
  2 threads and 16 connections
  Latency Distribution
     50%   18.00ms
     75%   21.00ms
     90%   25.00ms
     99%    1.20s
  3356 requests in 4.00s, 30.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:    839.25
"""


def test_wrk_s_rate_latencies_and_errors_are_read():
    assert parse_wrk(WRK_OUTPUT) == {"rate": 839.25, "p50": 18.0, "p99": 1200.0, "errors": 7}


def test_a_row_shows_its_medians_over_the_rounds_and_all_its_errors():
    rounds = [
        {"rate": 400.0, "p50": 30.0, "p99": 80.0, "errors": 0},
        {"rate": 800.0, "p50": 18.0, "p99": 30.0, "errors": 1},
        {"rate": 700.0, "p50": 20.0, "p99": 40.0, "errors": 2},
    ]

    assert _median_result(rounds) == {"rate": 700.0, "p50": 20.0, "p99": 40.0, "errors": 3}


def test_a_ratio_is_taken_within_each_round_so_a_slow_round_weighs_on_page_and_floor_alike():
    floor, page = ("floor: layout", "anonymous"), ("challenge", "anonymous")
    rounds = [
        {floor: {"rate": 800.0}, page: {"rate": 240.0}},  # 0.30
        {floor: {"rate": 400.0}, page: {"rate": 124.0}},  # 0.31: the machine was busy for both
        {floor: {"rate": 820.0}, page: {"rate": 82.0}},  # 0.10
    ]

    assert _median_ratio(rounds, page, floor) == pytest.approx(0.30)


def test_a_page_s_ratio_is_judged_against_the_target_and_a_floor_s_is_only_printed():
    assert _page_ratio_row("challenge / layout floor, anonymous", 0.29, floor=False)["ok"] is False
    assert _page_ratio_row("challenge / layout floor, anonymous", PAGE_TARGET, floor=False)["ok"] is True
    floor = _page_ratio_row("floor: one challenge / layout floor, anonymous", 0.39, floor=True)
    assert floor == {
        "measure": "floor: one challenge / layout floor, anonymous",
        "value": "0.39",
        "unit": "ratio",
        "target": "",
    }

"""20 trainees finishing drills at the same moment: every call and every run is stored,
and no "database is locked" (or any other error) reaches a trainee."""

from __future__ import annotations

import threading
from pathlib import Path

from simulator.scenario.library import ScenarioLibrary
from simulator.store import open_store
from simulator.store.drills import leaderboard
from simulator.team.drill import run_headless_drill

TRAINEES = 20


def drill_all_at_once(url: str, set_dir: Path, replay_dir: Path) -> list[BaseException]:
    """Each thread has its own engine (as a separate process would) and they all start
    their drill at the same instant."""
    library = ScenarioLibrary(extra_dirs=[set_dir])
    library.sets()  # parse once, before the threads race
    errors: list[BaseException] = []
    barrier = threading.Barrier(TRAINEES)

    def trainee(n: int) -> None:
        try:
            with open_store(url) as store:
                barrier.wait()
                run_headless_drill(store, library, "solo-drill", f"trainee{n:02d}", replay_dir)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=trainee, args=(n,)) for n in range(TRAINEES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_twenty_trainees_finish_a_drill_at_once(
    db_url: str, set_dir: Path, replay_dir: Path
) -> None:
    open_store(db_url).close()
    assert drill_all_at_once(db_url, set_dir, replay_dir) == []
    with open_store(db_url) as store:
        sessions = store.history(limit=1000)
        board = store.read(lambda db: leaderboard(db, set_id="solo-drill"))
        records = [store.load_record(s.id) for s in sessions]
    assert len(sessions) == TRAINEES
    assert {s.trainee for s in sessions} == {f"trainee{n:02d}" for n in range(TRAINEES)}
    assert all(s.status == "resolved" and s.total is not None for s in sessions)
    lengths = {len(r["utterances"]) for r in records}
    assert len(lengths) == 1 and lengths.pop() > 4  # same replay, same complete call
    assert len(board) == TRAINEES and [r.rank for r in board] == list(range(1, TRAINEES + 1))


def test_one_trainee_racing_for_a_single_attempt_gets_it_once(
    db_url: str, set_dir: Path, replay_dir: Path
) -> None:
    """Two drills by the same trainee at once on a one-attempt set: one runs, the other
    is refused cleanly."""
    library = ScenarioLibrary(extra_dirs=[set_dir])
    library.sets()
    open_store(db_url).close()
    outcomes: list[str] = []
    barrier = threading.Barrier(4)

    def go() -> None:
        with open_store(db_url) as store:
            barrier.wait()
            try:
                run_headless_drill(store, library, "solo-drill", "kim", replay_dir)
                outcomes.append("ran")
            except Exception as error:
                outcomes.append(str(error))

    threads = [threading.Thread(target=go) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ran") == 1
    refusals = [o for o in outcomes if o != "ran"]
    assert (
        refusals
        == [
            "the one attempt at solo-drill is used up"
            " (a trainer can assign it again with more attempts)"
        ]
        * 3
    )

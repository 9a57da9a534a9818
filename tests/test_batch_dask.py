"""The batch on Dask (the ``dask`` extra, in ``dev``): the same records as the local run."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from distributed import Client, LocalCluster

from tests.conftest import CORPUS, corpus_texts
from wtotext.batch import run, to_dask_bag
from wtotext.cli import main


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The corpus, archives of it (150 members, more than one Dask task's share), and bad inputs."""
    root = tmp_path_factory.mktemp("dump")
    with zipfile.ZipFile(root / "corpus.zip", "w") as archive:
        for i in range(150):
            path = corpus_texts()[i % len(corpus_texts())]
            archive.write(path, f"{i:03d}-{path.name}")
        archive.writestr("large.txt", b"x" * 30_000)
    with tarfile.open(root / "corpus.tar.gz", "w:gz") as archive:
        for path in corpus_texts()[:5]:
            archive.add(path, path.name)
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("inner.txt", b"The General Council,\n\nDecides:\n\n1. To meet.\n")
    (root / "truncated.zip").write_bytes(zipped.getvalue()[:40])
    (root / "empty.txt").write_bytes(b"")
    return [
        str(CORPUS),
        str(root / "corpus.zip"),
        str(root / "corpus.tar.gz"),
        str(root / "truncated.zip"),
        str(root / "empty.txt"),
        str(root / "no-such-file.txt"),
        str(CORPUS / "nothing-*.txt"),
    ]


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def local(dump: list[str], tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    out = tmp_path_factory.mktemp("local") / "local.jsonl"
    run(dump, out, jobs=2, max_bytes=20_000)
    return lines(out)


def test_a_dask_bag_on_a_local_cluster_gives_the_records_of_the_local_run(
    client: Client, dump: list[str], local: list[dict[str, Any]]
) -> None:
    records = client.compute(to_dask_bag(dump, max_bytes=20_000)).result()
    assert records == local
    assert len(records) == len(corpus_texts()) + 151 + 5 + 4
    assert [r["source"] for r in records if not r["ok"]] == [f"{dump[1]}!large.txt", dump[3], dump[4], dump[5], dump[6]]


@pytest.mark.parametrize("npartitions", [1, 7])
def test_the_partitioning_does_not_change_the_records(
    client: Client, dump: list[str], local: list[dict[str, Any]], npartitions: int
) -> None:
    bag = to_dask_bag(dump, npartitions=npartitions, max_bytes=20_000)
    assert bag.npartitions == npartitions
    assert client.compute(bag).result() == local


def test_the_batch_command_on_a_dask_scheduler_writes_the_records_of_the_local_run(
    client: Client, dump: list[str], local: list[dict[str, Any]], tmp_path: Path
) -> None:
    out = tmp_path / "dask.jsonl"
    address = client.scheduler.address
    arguments = ["batch", *dump, "-o", str(out), "--engine", "dask", "--scheduler", address, "--max-bytes", "20000"]
    assert main(arguments) == 1
    assert lines(out) == local


def test_the_batch_command_starts_a_local_cluster_without_a_scheduler(tmp_path: Path) -> None:
    out, whole = tmp_path / "dask.jsonl", tmp_path / "local.jsonl"
    paths = [str(p) for p in corpus_texts()[:8]]
    assert main(["batch", *paths, "-o", str(out), "--engine", "dask", "--jobs", "2"]) == 0
    run(paths, whole, jobs=1)
    assert lines(out) == lines(whole)


def test_a_dask_batch_resumes_as_the_local_one_does(
    client: Client, dump: list[str], local: list[dict[str, Any]], tmp_path: Path
) -> None:
    out = tmp_path / "resumed.jsonl"
    written = [json.dumps(rec, ensure_ascii=False, separators=(",", ":")) for rec in local[:40]]
    out.write_text("\n".join(written[:-1]) + "\n" + written[-1][:100], encoding="utf-8")  # killed mid-line
    run(dump, out, resume=True, max_bytes=20_000, engine="dask", scheduler=client.scheduler.address)
    key = {r["source"]: r for r in local}
    assert {r["source"]: r for r in lines(out)} == key and len(lines(out)) == len(local)

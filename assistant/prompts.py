"""Loading the prompts in `prompts/` and filling them in with Jinja2.

Each prompt is one Markdown file, `prompts/<name>.md`: YAML front matter declaring
`variables: [...]`, then a Jinja2 template (`{{ name }}`, `{% if %}`, `{% for %}`). Rendering
takes exactly the declared variables (a missing or an extra one is an error, not a silently
empty slot), and a prompt whose text uses a variable it does not declare (or declares one it
never uses) fails to load.

Prompt-like data lives beside the prompts as YAML: `prompts/tools.yaml` describes each tool of
the agent once (the tool schemas sent to the model and the prompts' tool lists both read it),
and `prompts/research_plan_template.yaml` words the offline research plan, whose snippets
`fill` renders.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Environment, Template

PROMPTS_DIR = Path(__file__).resolve().parents[1] / "prompts"


class PromptError(Exception):
    """A prompt file is malformed or was rendered with the wrong variables (a bug)."""


@cache
def _jinja() -> Environment:
    # Imported on first use: Jinja2 costs a tenth of a second, and most commands never prompt.
    from jinja2 import Environment, StrictUndefined

    return Environment(
        undefined=StrictUndefined,  # a misspelt or missing value fails instead of vanishing
        keep_trailing_newline=True,
        autoescape=False,  # the output is text for a model, not HTML
        trim_blocks=True,  # a line holding only `{% ... %}` leaves no empty line behind
        lstrip_blocks=True,
    )


def _compile(name: str, text: str) -> Template:
    from jinja2 import TemplateSyntaxError

    try:
        return _jinja().from_string(text)
    except TemplateSyntaxError as error:
        raise PromptError(f"prompt {name!r}, line {error.lineno}: {error.message}") from None


def _render(name: str, template: Template, values: Mapping[str, object]) -> str:
    from jinja2 import UndefinedError

    try:
        return template.render(values)
    except UndefinedError as error:
        raise PromptError(f"prompt {name!r}: {error.message}") from None


@dataclass(frozen=True)
class Prompt:
    name: str
    variables: tuple[str, ...]
    text: str

    @cached_property
    def _template(self) -> Template:
        return _compile(self.name, self.text)

    @property
    def placeholders(self) -> set[str]:
        """The variables the text uses (loop variables and the like left out)."""
        from jinja2 import TemplateSyntaxError, meta

        try:
            return set(meta.find_undeclared_variables(_jinja().parse(self.text)))
        except TemplateSyntaxError as error:
            raise PromptError(f"prompt {self.name!r}: {error.message}") from None

    def render(self, **values: object) -> str:
        missing = set(self.variables) - set(values)
        extra = set(values) - set(self.variables)
        if missing or extra:
            raise PromptError(
                f"prompt {self.name!r}: missing {sorted(missing)}, unexpected {sorted(extra)}"
            )
        return _render(self.name, self._template, values)


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


# ---------------------------------------------------------------------------------------------
# prompt-like data: YAML files in prompts/


@cache
def load_data(name: str) -> Any:
    """The parsed content of `prompts/<name>.yaml` (read once)."""
    path = PROMPTS_DIR / f"{name}.yaml"
    if not path.is_file():
        raise PromptError(f"no data file named {name!r} in {PROMPTS_DIR}")
    import yaml

    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise PromptError(f"{path.name} is not valid YAML: {error}") from None


@cache
def _snippet(text: str) -> Template:
    return _compile("snippet", text)


def fill(text: str, values: Mapping[str, object]) -> str:
    """A snippet of a data file filled in: every variable it uses must be among `values`."""
    return _render("snippet", _snippet(text), values)


@dataclass(frozen=True)
class ToolDescription:
    """One tool as the model reads about it: what it does and what each argument means."""

    name: str
    description: str
    args: Mapping[str, str]


@cache
def tool_descriptions() -> tuple[ToolDescription, ...]:
    """The agent's tools as `prompts/tools.yaml` describes them, in its order."""
    return described_tools(load_data("tools"), "tools.yaml")


def described_tools(data: Any, where: str) -> tuple[ToolDescription, ...]:
    """Tools as a data file describes them: each name mapped to its `description` and optional
    `args` (tools.yaml, and the MCP server's own tools in mcp.yaml)."""
    if not isinstance(data, dict):
        raise PromptError(f"{where} must map each tool's name to its description")
    tools = []
    for name, entry in data.items():
        description = entry.get("description") if isinstance(entry, dict) else None
        args = (entry.get("args") or {}) if isinstance(entry, dict) else None
        if not isinstance(description, str) or not isinstance(args, dict):
            raise PromptError(f"{where}: {name!r} needs a 'description' and optional 'args'")
        described = {str(arg): str(text) for arg, text in args.items()}
        tools.append(ToolDescription(name, description.strip(), described))
    return tuple(tools)


def tool_description(name: str) -> ToolDescription:
    for tool in tool_descriptions():
        if tool.name == name:
            return tool
    raise PromptError(f"tools.yaml does not describe the tool {name!r}")

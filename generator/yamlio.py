"""YAML for humans: load with line numbers, write readable Chinese, patch files without reflowing.

Library files belong to reviewers. gwplan never re-serializes a file it did not just create:
it edits existing files as text (insert these lines after that line, replace those lines), so
every comment, blank line and quoting choice of the reviewer stays byte for byte.
PyYAML is imported where a file is parsed or written: a draft whose files are all in the parse
cache (below) never loads it.
"""
from __future__ import annotations

import datetime
import errno
import hashlib
import marshal
import os
import stat
import tempfile
from functools import lru_cache
from pathlib import Path

from generator.errors import GwplanError
from generator.resources import cached, keep
from generator.xmlchars import describe, invalid_chars

class LineDict(dict):
    """A mapping that remembers the line (1-based) of itself and of each key."""

    line: int = 0
    key_lines: dict
    duplicate_keys: list


def _construct_map(loader, node):
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    data.duplicate_keys = []
    yield data
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in data.key_lines:
            data.duplicate_keys.append((key, key_node.start_mark.line + 1))
        data.key_lines[key] = key_node.start_mark.line + 1
        data[key] = loader.construct_object(value_node, deep=True)


def _construct_str(loader, node):
    """Text as written, but never a character a Word file cannot hold ("\\0" or "\\e" escapes)."""
    value = loader.construct_scalar(node)
    found = invalid_chars(value)
    if found:
        raise GwplanError(
            f"这段文字含有 Word 文档不能保存的控制字符 {describe(found)}（双引号里的反斜杠转义写法）；请删去它。",
            None, node.start_mark.line + 1)
    return value


def _construct_int(loader, node):
    try:
        return loader.construct_yaml_int(node)
    except ValueError:  # Python refuses to convert integers of more than 4300 digits
        raise GwplanError(
            f"数字过长（{len(node.value)} 位），不像条款库、计划或名册里的数字；若是文字，请加引号。",
            None, node.start_mark.line + 1) from None


@lru_cache(maxsize=1)
def _line_loader():
    import yaml

    class LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
    LineLoader.add_constructor("tag:yaml.org,2002:str", _construct_str)
    LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
    return LineLoader


def syntax_error(exc, name: str, text: str) -> GwplanError:
    """Turn a YAML parse error (yaml.YAMLError) into a Chinese message at its file and line."""
    import yaml

    if isinstance(exc, yaml.reader.ReaderError):  # a raw control character: say which, on which line
        found = text.find(chr(exc.character))  # libyaml's position counts bytes, not characters
        line = text.count("\n", 0, found) + 1 if found >= 0 else None
        return GwplanError(
            f"这一行有控制字符 {describe([chr(exc.character)])}，YAML 文件和 Word 文档都不能保存它；请删去。", name, line)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""
    if ("quoted scalar" in context or "flow" in context) and getattr(exc, "context_mark", None):
        mark = exc.context_mark  # an unclosed quote or bracket: the line where it opens, not the file's end
    if _char_at(text, mark) == "\t" or "tab character" in problem:  # libyaml does not always name it
        explained = "YAML 不能用制表符缩进；请改成空格"
    else:
        explained = next((hint for key, hint in _SYNTAX_HINTS.items() if key in problem), "")
    message = f"YAML 语法错误：{explained}（解析器原文：{problem}）" if explained else f"YAML 语法错误：{problem}"
    return GwplanError(message, name, mark.line + 1 if mark else None)


def _char_at(text: str, mark) -> str:
    """The character the parser stopped at (libyaml's marks carry no buffer, only line and column)."""
    lines = text.splitlines()
    if mark is None or mark.line >= len(lines):
        return ""
    line = lines[mark.line]
    return line[mark.column] if mark.column < len(line) else ""


_SYNTAX_HINTS = {
    "mapping values are not allowed": "这里不能再出现“键: 值”；冒号后的文字含有冒号时请加引号",
    "could not find expected ':'": "这一行缺少“键: 值”里的冒号，或者缩进不对",
    "cannot start any token": "@ 和 ` 不能作为一段文字的开头；请给这段文字加引号",
    "',' or ']'": "方括号 [ 没有配对的 ]；列表请写完整，或给以 [ 开头的文字加引号",
    "',' or '}'": "花括号 { 没有配对的 }；给以 { 开头的文字加引号（占位符 {{ }} 所在的整段文字要加引号）",
    "expected <block end>": "缩进与上一行不一致",
    "found undefined alias": "引用了未定义的锚点（* 开头的文字请加引号）",
    "found unexpected end of stream": "引号没有配对",
    "found unknown escape character": "双引号中的反斜杠 \\ 需要写成 \\\\，或改用单引号",
    "did not find expected key": "缩进不对，或者列表项“- ”与键混在了一起",
    "did not find expected '-' indicator": "列表项“- ”的缩进与上一项不一致",
    "found duplicate anchor": "锚点重复",
    "while scanning a quoted scalar": "引号没有配对",
}


def load_text(text: str, name: str):
    """Parse YAML text into data whose mappings are LineDicts; returns (data, root node)."""
    import yaml

    loader = _line_loader()(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise syntax_error(exc, name, text) from None
    except GwplanError as exc:  # a constructor's complaint, at the line of its value
        exc.file = name
        raise
    finally:
        loader.dispose()
    return data, node


def load_file(path: Path):
    """Read and parse a YAML file; Chinese errors for unreadable or malformed files."""
    name = str(path)
    refuse_special(path)
    if path.is_file() and path.stat().st_size > MAX_YAML_BYTES:
        raise GwplanError(f"文件有 {path.stat().st_size // 1024 // 1024} MB，超过 YAML 文件的上限 {MAX_YAML_BYTES // 1024 // 1024} MB"
                          "（整个条款库通常不到 5 MB）；请把它拆成几个分节文件。", name)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except FileNotFoundError:
        raise GwplanError("找不到这个文件。", name) from None
    except UnicodeDecodeError:
        raise GwplanError("文件不是 UTF-8 编码；请用 UTF-8 保存。", name) from None
    except OSError as exc:
        raise GwplanError(f"无法读取：{exc.strerror or exc}", name) from None
    cache_name = f"yaml/{hashlib.blake2b(raw, digest_size=20, person=_PARSED_BY).hexdigest()}.marshal"
    kept = cached(cache_name)
    if kept is not None:
        try:
            return _decode(marshal.loads(kept))
        except (EOFError, ValueError, TypeError, KeyError, IndexError):
            pass  # damaged: parse again
    data, _ = load_text(text, name)
    _keep_parsed(cache_name, data)
    return data


# --- parse cache: each file's data kept by the hash of its bytes (rules, templates and a library
# change rarely between runs, and parsing them is a fifth of a draft); marshal cannot hold code.
_PARSED_BY = b"gwplan-yaml-1"  # part of every key: change it when the constructors above change


def _keep_parsed(name: str, data) -> None:
    try:
        keep(name, marshal.dumps(_encode(data)), limit=400)
    except (ValueError, TypeError):
        pass  # a value marshal cannot hold (a set, a binary): this file is parsed every time


def _encode(value):
    """Data as marshal holds it; YAML never yields tuples, so tuples tag the other kinds."""
    if isinstance(value, LineDict):
        return ("map", value.line, [(_encode(k), line) for k, line in value.key_lines.items()],
                value.duplicate_keys, [(_encode(k), _encode(v)) for k, v in value.items()])
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, datetime.datetime):
        return ("datetime", value.isoformat())
    if isinstance(value, datetime.date):
        return ("date", value.isoformat())
    if value is None or type(value) in (str, int, float, bool):
        return value
    raise TypeError(type(value).__name__)


def _decode(value):
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if isinstance(value, tuple):
        if value[0] == "map":
            mapping = LineDict((_decode(k), _decode(v)) for k, v in value[4])
            mapping.line, mapping.duplicate_keys = value[1], value[3]
            mapping.key_lines = {_decode(k): line for k, line in value[2]}
            return mapping
        kind = datetime.datetime if value[0] == "datetime" else datetime.date
        return kind.fromisoformat(value[1])
    return value


MAX_YAML_BYTES = 20 * 1024 * 1024  # one library, plan, roster or targets file (docs/limits.md)


def refuse_special(path: Path) -> None:
    """Refuse a FIFO, socket or device where a file is expected: reading it would wait forever."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # reading it says what is wrong
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise GwplanError("这不是普通文件（是管道、设备或套接字），gwplan 不读取它；请给出普通文件。", str(path))


# --- writing -----------------------------------------------------------------------------


def _represent_str(dumper, value: str):
    style = "|" if len(value) > 40 or "\n" in value else None
    if style and (value != value.strip() or "\t" in value):
        style = None  # block scalars cannot hold edge whitespace faithfully
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


class Flow(list):
    """A list written on one line: tags: [学习, 政治]."""


class Commented(str):
    """A plain scalar written with a comment after it: audience: district  # 依据：……"""

    def __new__(cls, value: str, comment: str):
        made = super().__new__(cls, value)
        made.comment = comment
        return made


_COMMENT_MARK = "\u2063"  # an invisible separator no clause text holds; dump() turns it into "  # "


@lru_cache(maxsize=1)
def _dumper():
    import yaml

    class Dumper(yaml.SafeDumper):
        def increase_indent(self, flow=False, indentless=False):
            # Indent list items under their key, as people write YAML by hand.
            return super().increase_indent(flow, False)

    Dumper.add_representer(str, _represent_str)
    Dumper.add_representer(Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
    Dumper.add_representer(
        Commented, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", f"{v}{_COMMENT_MARK}{v.comment}", style="")
    )
    return Dumper


def dump(data, indent: int = 0) -> str:
    """YAML text for `data`: UTF-8 Chinese as-is, keys in the given order, long text as block scalars."""
    import yaml

    text = yaml.dump(
        data, Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=10**9, default_flow_style=False, indent=2
    )
    if _COMMENT_MARK in text:
        text = text.replace(_COMMENT_MARK, "  # ")
    if indent:
        text = "".join(" " * indent + line if line.strip() else line for line in text.splitlines(keepends=True))
    return text


def atomic_write_many(files: dict[Path, str | bytes]) -> None:
    """Write several files so that either all of them change or none does (as far as a disk allows).

    Each file is first written to a temporary file beside it; only when all are written are
    they renamed into place. A failure before the renames leaves every target untouched.
    """
    staged: list[tuple[str, Path]] = []
    umask = os.umask(0)
    os.umask(umask)
    current = next(iter(files), Path())
    try:
        for current, text in files.items():
            current.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=current.parent, prefix=f".{current.name}.", suffix=".tmp")
            staged.append((temp, current))
            # mkstemp makes 0600 files: give the result the mode a normal write would have.
            mode = current.stat().st_mode & 0o777 if current.exists() else 0o666 & ~umask
            os.chmod(temp, mode)
            with os.fdopen(handle, "wb") as out:
                out.write(text if isinstance(text, bytes) else text.encode("utf-8"))
                out.flush()
                os.fsync(out.fileno())
    except OSError as exc:
        for temp, _ in staged:
            Path(temp).unlink(missing_ok=True)
        raise GwplanError(f"无法写入：{write_problem(exc, current)}；没有改动任何文件。", str(current)) from None
    for done, (temp, path) in enumerate(staged):
        try:
            os.replace(temp, path)
        except OSError as exc:  # the target is a folder, or became unwritable
            for left, _ in staged[done:]:
                Path(left).unlink(missing_ok=True)
            written = "、".join(str(p) for _, p in staged[:done])
            changed = f"已写入其中 {done} 个文件（{written}）" if done else "没有改动任何文件"
            raise GwplanError(f"无法写入：{write_problem(exc, path)}；{changed}。", str(path)) from None


NAME_MAX = 255  # bytes of one file name on Linux, macOS and Windows file systems alike
TEMP_NAME_EXTRA = 14  # the temporary file beside it is named ".{name}.XXXXXXXX.tmp"


def write_problem(exc: OSError, path: Path) -> str:
    """What an OSError on writing `path` means, in words that name the real cause."""
    if exc.errno == errno.ENAMETOOLONG or len(path.name.encode()) + TEMP_NAME_EXTRA > NAME_MAX:
        return (f"文件名太长（{len(path.name.encode())} 字节；文件名最多 {NAME_MAX - TEMP_NAME_EXTRA} 字节，"
                "一个汉字占 3 字节）；请换一个短一些的文件名")
    if exc.errno in (errno.EEXIST, errno.ENOTDIR):
        blocker = next((p for p in [path.parent, *path.parent.parents] if p.exists() and not p.is_dir()), None)
        if blocker is not None:
            return f"{blocker} 是一个文件，不是文件夹；请换一个输出位置"
    if exc.errno == errno.EISDIR:
        return "这是一个文件夹，不能作为输出文件"
    if exc.errno == errno.ENOSPC:
        return "磁盘已满"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "没有写入权限（文件夹只读）"
    return f"{exc.strerror or exc}；文件夹可能只读或磁盘已满"


def atomic_write(path: Path, text: str) -> None:
    atomic_write_many({path: text})


def atomic_write_bytes(path: Path, data: bytes) -> None:
    atomic_write_many({path: data})

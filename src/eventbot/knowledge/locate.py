"""Where each key of a TOML document stands: the line of `speakers[2].affiliation`.

`tomllib` parses without positions, so this scanner walks a document that `tomllib` has already
accepted and records the line of every table header, key and array element. An error found
later by the schema is then reported at the line of its field, or of its nearest parent.
"""

from __future__ import annotations

KeyPath = tuple[str | int, ...]

_BARE_KEY = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.lines: dict[KeyPath, int] = {}
        self.array_tables: dict[KeyPath, int] = {}

    @property
    def line(self) -> int:
        return self.text.count("\n", 0, self.pos) + 1

    def peek(self, n: int = 1) -> str:
        return self.text[self.pos : self.pos + n]

    def skip_blank(self, newlines: bool) -> None:
        while self.pos < len(self.text):
            ch = self.text[self.pos]
            if ch == "#":
                end = self.text.find("\n", self.pos)
                self.pos = len(self.text) if end < 0 else end
            elif ch in " \t\r" or (newlines and ch == "\n"):
                self.pos += 1
            else:
                return

    def record(self, path: KeyPath) -> None:
        self.lines.setdefault(path, self.line)

    def scan(self) -> dict[KeyPath, int]:
        table: KeyPath = ()
        while True:
            self.skip_blank(newlines=True)
            if self.pos >= len(self.text):
                return self.lines
            if self.peek(2) == "[[":
                self.pos += 2
                keys = self.key()
                header = (
                    *self.resolve(keys[:-1]),
                    keys[-1],
                )  # the array itself, not its last element
                self.pos += 2
                index = self.array_tables.get(header, -1) + 1
                self.array_tables[header] = index
                table = (*header, index)
                self.record(table)
            elif self.peek() == "[":
                self.pos += 1
                table = self.resolve(self.key())
                self.pos += 1
                self.record(table)
            else:
                self.key_value(table)

    def resolve(self, keys: KeyPath) -> KeyPath:
        """Insert the index of the current element of every array of tables on the way."""
        path: KeyPath = ()
        for key in keys:
            path = (*path, key)
            if path in self.array_tables:
                path = (*path, self.array_tables[path])
        return path

    def key(self) -> KeyPath:
        parts: list[str] = []
        while True:
            self.skip_blank(newlines=False)
            ch = self.peek()
            if ch in "\"'":
                start = self.pos
                self.string()
                parts.append(self.text[start + 1 : self.pos - 1])
            else:
                start = self.pos
                while self.pos < len(self.text) and self.text[self.pos] in _BARE_KEY:
                    self.pos += 1
                parts.append(self.text[start : self.pos])
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return tuple(parts)
            self.pos += 1

    def key_value(self, table: KeyPath) -> None:
        path = (*table, *self.key())
        self.record(path)
        self.pos += 1  # '='
        self.skip_blank(newlines=False)
        self.value(path)

    def value(self, path: KeyPath) -> None:
        ch = self.peek()
        if ch in "\"'":
            self.string()
        elif ch == "[":
            self.pos += 1
            index = 0
            while True:
                self.skip_blank(newlines=True)
                if self.peek() == "]":
                    self.pos += 1
                    return
                self.record((*path, index))
                self.value((*path, index))
                self.skip_blank(newlines=True)
                if self.peek() == ",":
                    self.pos += 1
                    index += 1
        elif ch == "{":
            self.pos += 1
            while True:
                self.skip_blank(newlines=False)
                if self.peek() == "}":
                    self.pos += 1
                    return
                if self.peek() == ",":
                    self.pos += 1
                    continue
                self.key_value(path)
        else:
            while self.pos < len(self.text) and self.text[self.pos] not in ",]}\n#":
                self.pos += 1

    def string(self) -> None:
        quote = self.peek()
        delimiter = quote * 3 if self.peek(3) == quote * 3 else quote
        self.pos += len(delimiter)
        while self.pos < len(self.text):
            if self.text[self.pos] == "\\" and quote == '"':  # an escape, perhaps of a quote
                self.pos += 2
            elif self.text.startswith(delimiter, self.pos):
                self.pos += len(delimiter)
                # a closing delimiter may be followed by up to two quotes that belong to the string
                while len(delimiter) == 3 and self.peek() == quote:
                    self.pos += 1
                return
            else:
                self.pos += 1


def key_lines(text: str) -> dict[KeyPath, int]:
    """The line of every key, table and array element of a valid TOML document."""
    return _Scanner(text).scan()


def line_of(lines: dict[KeyPath, int], path: KeyPath) -> int | None:
    """The line of `path`, or of its nearest parent that has one."""
    for end in range(len(path), 0, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def dotted(path: KeyPath) -> str:
    """`('speakers', 2, 'name')` as organisers read it: `speakers[2].name`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out

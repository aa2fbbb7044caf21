"""The API server's primitive string checks (apimachinery `util/validation`), with its wording.

Each predicate returns the list of problems (empty when the value is valid), in the words the API
server uses, so a finding reads like the error `kubectl apply` would print.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable

_LABEL = r"[a-z0-9]([-a-z0-9]*[a-z0-9])?"
DNS1123_LABEL_RE = re.compile(rf"^{_LABEL}$")
DNS1123_SUBDOMAIN_RE = re.compile(rf"^{_LABEL}(\.{_LABEL})*$")
DNS1035_LABEL_RE = re.compile(r"^[a-z]([-a-z0-9]*[a-z0-9])?$")
QUALIFIED_NAME_RE = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
LABEL_VALUE_RE = re.compile(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")
PORT_NAME_CHARS_RE = re.compile(r"^[-a-z0-9]+$")
ENV_NAME_RE = re.compile(r"^[-._a-zA-Z][-._a-zA-Z0-9]*$")
CONFIG_KEY_RE = re.compile(r"^[-._a-zA-Z0-9]+$")
PERCENT_RE = re.compile(r"^[0-9]+%$")

Predicate = Callable[[str], list[str]]


def dns1123_label(value: str) -> list[str]:
    errors = []
    if len(value) > 63:
        errors.append("must be no more than 63 characters")
    if not DNS1123_LABEL_RE.match(value):
        if DNS1123_SUBDOMAIN_RE.match(value):
            errors.append("must not contain dots")
        else:
            errors.append("a lowercase RFC 1123 label must consist of lower case alphanumeric "
                          "characters or '-', and must start and end with an alphanumeric "
                          "character (e.g. 'my-name', or '123-abc')")
    return errors


def dns1123_subdomain(value: str) -> list[str]:
    errors = []
    if len(value) > 253:
        errors.append("must be no more than 253 characters")
    if not DNS1123_SUBDOMAIN_RE.match(value):
        errors.append("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
                      "characters, '-' or '.', and must start and end with an alphanumeric "
                      "character (e.g. 'example.com')")
    return errors


def dns1035_label(value: str) -> list[str]:
    errors = []
    if len(value) > 63:
        errors.append("must be no more than 63 characters")
    if not DNS1035_LABEL_RE.match(value):
        errors.append("a DNS-1035 label must consist of lower case alphanumeric characters or "
                      "'-', start with an alphabetic character, and end with an alphanumeric "
                      "character (e.g. 'my-name', or 'abc-123')")
    return errors


def wildcard_or_subdomain(value: str) -> list[str]:
    if "*" in value:
        if not value.startswith("*.") or dns1123_subdomain(value[2:]):
            return ["a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS "
                    "subdomain (e.g. '*.example.com')"]
        return []
    return dns1123_subdomain(value)


#: Label keys and values already found valid, bounded (see `qualified_name`).
_VALID_KEYS: set[str] = set()
_VALID_VALUES: set[str] = set()
_VALID_MOST = 100_000


def qualified_name(value: str) -> list[str]:
    """A label or annotation key: `[prefix/]name`.

    Keys repeat across a design (`app.kubernetes.io/name` on most resources, in their metadata,
    templates and selectors): a key found valid is remembered, and checked again by a set
    look-up instead of a split and two regular expressions (135,000 checks of keys at 50,000
    resources)."""
    return _remembered(_qualified_name, _VALID_KEYS, value)


def _remembered(check: Callable[[str], list[str]], valid: set[str], value: str) -> list[str]:
    """`check(value)`, skipped for a value found valid before (kept in `valid`, up to
    `_VALID_MOST` of them)."""
    if value in valid:
        return []
    errors = check(value)
    if not errors and len(valid) < _VALID_MOST:
        valid.add(value)
    return errors


def _qualified_name(value: str) -> list[str]:
    parts = value.split("/")
    if len(parts) > 2:
        return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', "
                "with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
    errors = []
    name = parts[-1]
    if len(parts) == 2:
        if not parts[0]:
            errors.append("prefix part must be non-empty")
        else:
            errors += [f"prefix part {e}" for e in dns1123_subdomain(parts[0])]
    if not name:
        errors.append("name part must be non-empty")
    elif len(name) > 63:
        errors.append("name part must be no more than 63 characters")
    if name and not QUALIFIED_NAME_RE.match(name):
        errors.append("name part must consist of alphanumeric characters, '-', '_' or '.', and "
                      "must start and end with an alphanumeric character (e.g. 'MyName', or "
                      "'my.name', or '123-abc')")
    return errors


def label_value(value: str) -> list[str]:
    """A label's value; one found valid is remembered, as keys are by `qualified_name`."""
    return _remembered(_label_value, _VALID_VALUES, value)


def _label_value(value: str) -> list[str]:
    errors = []
    if len(value) > 63:
        errors.append("must be no more than 63 characters")
    if not LABEL_VALUE_RE.match(value):
        errors.append("a valid label must be an empty string or consist of alphanumeric "
                      "characters, '-', '_' or '.', and must start and end with an alphanumeric "
                      "character (e.g. 'MyValue', or 'my_value', or '12345')")
    return errors


def port_name(value: str) -> list[str]:
    """IANA_SVC_NAME: container port names, named targetPorts and probe ports."""
    errors = []
    if len(value) > 15:
        errors.append("must be no more than 15 characters")
    if not PORT_NAME_CHARS_RE.match(value):
        errors.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
    if not re.search("[a-z]", value):
        errors.append("must contain at least one letter (a-z)")
    if "--" in value:
        errors.append("must not contain consecutive hyphens")
    if value.startswith("-") or value.endswith("-"):
        errors.append("must not begin or end with a hyphen")
    return errors


def port_number(value: int) -> list[str]:
    return [] if 1 <= value <= 65535 else ["must be between 1 and 65535, inclusive"]


def env_name(value: str, relaxed: bool) -> list[str]:
    """Strict before Kubernetes 1.32, relaxed (printable ASCII except '=') from 1.32."""
    if relaxed:
        if not value or "=" in value or not all(32 <= ord(c) < 127 for c in value):
            return ["a valid environment variable name must consist only of printable ASCII "
                    "characters other than '='"]
        return []
    errors = []
    if not ENV_NAME_RE.match(value):
        errors.append("a valid environment variable name must consist of alphabetic characters, "
                      "digits, '_', '-', or '.', and must not start with a digit")
    return errors + _dots(value)


def config_key(value: str) -> list[str]:
    errors = []
    if len(value) > 253:
        errors.append("must be no more than 253 characters")
    if not CONFIG_KEY_RE.match(value):
        errors.append("a valid config key must consist of alphanumeric characters, '-', '_' or "
                      "'.' (e.g. 'key.name', or 'KEY_NAME', or 'key-name')")
    return errors + _dots(value)


def _dots(value: str) -> list[str]:
    if value == ".":
        return ["must not be '.'"]
    if value == "..":
        return ["must not be '..'"]
    if value.startswith(".."):
        return ["must not start with '..'"]
    return []


def local_path(value: str) -> list[str]:
    if value.startswith("/"):
        return ["must be a relative path"]
    if ".." in value.split("/"):
        return ["must not contain '..'"]
    return []


def is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def int_or_percent(value: object) -> list[str]:
    if isinstance(value, bool):
        return ["must be an integer or a percentage"]
    if isinstance(value, int):
        return [] if value >= 0 else ["must be greater than or equal to 0"]
    if isinstance(value, str) and PERCENT_RE.match(value):
        return []
    return ["a valid percent string must be a numeric string followed by an ending '%' "
            "(e.g. '1%', or '93%')"]


def domain_prefixed_path(value: str, limit: int = 250) -> bool:
    """`IsDomainPrefixedPath`: `<DNS subdomain>/<path>` (IngressClass controllers, Job
    managedBy), at most `limit` characters."""
    if len(value) > limit or "/" not in value:
        return False
    host, _, path = value.partition("/")
    return bool(path) and not dns1123_subdomain(host) and \
        all(c.isalnum() or c in "-._~!$&'()*+,;=:@%/" for c in path)

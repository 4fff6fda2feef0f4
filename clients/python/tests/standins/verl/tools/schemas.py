"""Stand-in for verl.tools.schemas: the same classes and fields, without pydantic."""

from typing import Any, Dict, List, Optional


class _Model:
    _fields: tuple = ()

    def __init__(self, **kw: Any) -> None:
        for f in self._fields:
            setattr(self, f, kw.get(f))

    def model_dump(self, exclude_unset: bool = False, exclude_none: bool = False) -> Dict[str, Any]:
        out = {}
        for f in self._fields:
            v = getattr(self, f)
            if v is None and exclude_none:
                continue
            out[f] = v.model_dump(exclude_unset=exclude_unset, exclude_none=exclude_none) if isinstance(v, _Model) else v
        return out


class OpenAIFunctionSchema(_Model):
    _fields = ("name", "description", "parameters", "strict")


class OpenAIFunctionToolSchema(_Model):
    _fields = ("type", "function")

    @classmethod
    def model_validate(cls, d: Dict[str, Any]) -> "OpenAIFunctionToolSchema":
        fn = d["function"]
        for k in ("name", "description"):
            if not isinstance(fn.get(k), str):
                raise ValueError(f"function.{k} must be a string")
        params = fn.get("parameters") or {"type": "object", "properties": {}, "required": []}
        for p in params["properties"].values():  # verl's property schema: type, description, enum
            if set(p) - {"type", "description", "enum"}:
                raise ValueError(f"unsupported property keys {set(p)}")
        return cls(type=d["type"], function=OpenAIFunctionSchema(name=fn["name"], description=fn["description"], parameters=params, strict=False))


class ToolResponse:
    def __init__(self, text: Optional[str] = None, image: Optional[List[Any]] = None, video: Optional[List[Any]] = None) -> None:
        self.text, self.image, self.video = text, image, video

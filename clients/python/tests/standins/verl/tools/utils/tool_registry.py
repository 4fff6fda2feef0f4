"""Stand-in for verl.tools.utils.tool_registry: native tools from a tool-config YAML, built as verl builds them."""

import importlib

import yaml

from verl.tools.schemas import OpenAIFunctionToolSchema


def get_tool_class(cls_name):
    module_name, class_name = cls_name.rsplit(".", 1)
    return getattr(importlib.import_module(module_name), class_name)


def initialize_tools_from_config(tools_config_file):
    with open(tools_config_file) as f:
        tools_config = yaml.safe_load(f)
    tool_list = []
    for tool_config in tools_config["tools"]:
        assert tool_config["config"]["type"] == "native"
        schema = tool_config.get("tool_schema")
        tool_schema = OpenAIFunctionToolSchema.model_validate(schema) if schema is not None else None
        tool_list.append(get_tool_class(tool_config["class_name"])(config=dict(tool_config["config"]), tool_schema=tool_schema))
    return tool_list

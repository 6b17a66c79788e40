"""evaluator_app: on-site evaluation of 社会管理和公共服务综合标准化试点 (domain, storage, exchange, CLI)."""

__version__ = "0.1.0"

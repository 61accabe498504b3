from ecoc_hub.library.management.commands.import_library import Command

__all__ = ["Command"]

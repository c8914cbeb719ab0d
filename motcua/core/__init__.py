"""The queue domain: models and operations, free of Flask and Socket.IO."""

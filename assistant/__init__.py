"""marketbrief's assistant: settings, service factories, the CLI, and (later) the answer engine."""

pytest_plugins = ["registry.testing"]

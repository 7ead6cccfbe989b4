"""Files on disk: discovery of agent folders, snapshots, atomic saves and conflict detection."""

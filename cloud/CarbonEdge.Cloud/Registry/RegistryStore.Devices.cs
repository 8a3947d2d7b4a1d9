namespace CarbonEdge.Cloud.Registry;

/// <summary>
/// The in-memory device cache the ingestion path tags from. Several instances may share one registry file: each
/// seed (file or API) raises <c>registry_change.version</c> in its own transaction, and a lookup at most once a second
/// compares it with the version the cache was loaded at, so a device another instance added is tagged here within
/// about a second.
/// </summary>
internal sealed partial class RegistryStore
{
    private const long ChangeCheckIntervalMs = 1_000;
    private Dictionary<(string Site, string Device), DeviceContext> _devices = [];
    private long _loadedVersion;
    private long _nextChangeCheckMs;

    /// <summary>The device and its enterprise, or null for a device not in the registry.</summary>
    public DeviceContext? FindDevice(string site, string device) => CurrentDevices().GetValueOrDefault((site, device));

    /// <summary>All devices with their enterprises.</summary>
    public IReadOnlyCollection<DeviceContext> Devices() => CurrentDevices().Values;

    private void CreateChangeTable() => Execute("""
        CREATE TABLE IF NOT EXISTS registry_change (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
        INSERT OR IGNORE INTO registry_change (id, version) VALUES (1, 0);
        """);

    /// <summary>Raises the change version; call inside the transaction that changes enterprises, sites or devices.</summary>
    private void NoteDeviceChange() => Execute("UPDATE registry_change SET version = version + 1 WHERE id = 1");

    private long ChangeVersion() => (long)Scalar("SELECT version FROM registry_change WHERE id = 1")!;

    private Dictionary<(string Site, string Device), DeviceContext> CurrentDevices()
    {
        long now = Environment.TickCount64;
        long due = Volatile.Read(ref _nextChangeCheckMs);
        if (now >= due && Interlocked.CompareExchange(ref _nextChangeCheckMs, now + ChangeCheckIntervalMs, due) == due)
        {
            long version;
            lock (_lock) version = ChangeVersion();
            if (version != Volatile.Read(ref _loadedVersion)) Reload();
        }
        return Volatile.Read(ref _devices);
    }

    /// <summary>Loads enterprises, sites and devices from one snapshot (one read transaction), so a seed another
    /// instance commits meanwhile is seen whole or not at all.</summary>
    private void Reload()
    {
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction(deferred: true);
            long version = ChangeVersion();
            var enterprises = Enterprises().ToDictionary(e => e.Id);
            var sites = Sites().ToDictionary(s => s.Id);
            var devices = Query("SELECT site, id, kind, name, multiplier, rollover_kwh, interval_s FROM device",
                r => new DeviceInfo(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetDouble(4),
                    r.IsDBNull(5) ? null : r.GetDouble(5), r.GetInt32(6)));
            transaction.Commit();
            Volatile.Write(ref _devices, devices.ToDictionary(d => (d.Site, d.Id), d => new DeviceContext(d, enterprises[sites[d.Site].Enterprise])));
            Volatile.Write(ref _loadedVersion, version);
        }
    }
}

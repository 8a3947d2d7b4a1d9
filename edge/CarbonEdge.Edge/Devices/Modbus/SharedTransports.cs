namespace CarbonEdge.Edge.Devices.Modbus;

/// <summary>
/// One transport per connection or serial bus, shared by every device on it, so that exactly one request is on a
/// serial bus (or a TCP connection) at a time. Devices hold a lease; the last lease closes the transport.
/// <typeparamref name="TTransport"/> is the protocol's (a Modbus transport, a DL/T 645 client).
/// </summary>
internal sealed class SharedTransports<TTransport> where TTransport : IAsyncDisposable
{
    private readonly Dictionary<string, Entry> _entries = [];

    /// <summary>
    /// The transport for <paramref name="key"/>, created with <paramref name="create"/> on first use. Devices that share a
    /// key must agree on <paramref name="settings"/> (e.g. baud and parity of a serial bus).
    /// </summary>
    /// <exception cref="DeviceConfigException">Another device uses the same bus with other settings.</exception>
    public (TTransport Transport, IAsyncDisposable Lease) Acquire(string key, string settings, string deviceId, Func<TTransport> create)
    {
        lock (_entries)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                if (entry.Settings != settings)
                {
                    throw new DeviceConfigException(deviceId,
                        $"shares {key} with device '{entry.FirstDevice}' but sets it up differently ({settings} vs {entry.Settings}); devices on one bus need the same line settings");
                }
            }
            else
            {
                entry = new Entry(create(), settings, deviceId);
                _entries[key] = entry;
            }
            entry.References++;
            return (entry.Transport, new Lease(this, key, entry));
        }
    }

    private async ValueTask ReleaseAsync(string key, Entry entry)
    {
        lock (_entries)
        {
            if (--entry.References > 0) return;
            _entries.Remove(key);
        }
        await entry.Transport.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class Entry(TTransport transport, string settings, string firstDevice)
    {
        public TTransport Transport { get; } = transport;
        public string Settings { get; } = settings;
        public string FirstDevice { get; } = firstDevice;
        public int References { get; set; }
    }

    private sealed class Lease(SharedTransports<TTransport> owner, string key, Entry entry) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _released, 1) == 0 ? owner.ReleaseAsync(key, entry) : ValueTask.CompletedTask;
    }
}

namespace CarbonEdge.Edge.Devices;

/// <summary>The gateway's devices, disposed (connections closed) when the gateway stops.</summary>
internal sealed class DeviceSet(IReadOnlyList<IDevice> devices) : IAsyncDisposable
{
    /// <summary>The devices, in config order.</summary>
    public IReadOnlyList<IDevice> All { get; } = devices;

    /// <summary>Closes every device's connection.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var device in All) await device.DisposeAsync().ConfigureAwait(false);
    }
}

namespace CarbonEdge.Edge.Devices;

/// <summary>A device's configuration cannot be used: unknown driver, missing connection setting, bad point.</summary>
internal sealed class DeviceConfigException(string deviceId, string problem)
    : Exception($"device '{deviceId}': {problem}")
{
    /// <summary>The device whose configuration is wrong.</summary>
    public string DeviceId { get; } = deviceId;
}

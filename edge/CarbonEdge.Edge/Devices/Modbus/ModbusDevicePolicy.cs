namespace CarbonEdge.Edge.Devices.Modbus;

/// <summary>How a device retries and backs off.</summary>
/// <param name="Retries">Retries of a request after a timeout or garbled response.</param>
/// <param name="OfflineAfter">Consecutive polls without any good block after which the device is offline.</param>
/// <param name="Backoff">First wait before an offline device is tried again; doubles per failed try.</param>
/// <param name="MaxBackoff">Longest wait.</param>
internal sealed record ModbusDevicePolicy(int Retries, int OfflineAfter, TimeSpan Backoff, TimeSpan MaxBackoff);

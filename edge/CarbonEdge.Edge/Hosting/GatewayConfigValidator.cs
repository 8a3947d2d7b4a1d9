using CarbonEdge.Edge.Buffer;
using CarbonEdge.Edge.Config;
using CarbonEdge.Edge.Health;
using CarbonEdge.Edge.Hj212;
using Microsoft.Extensions.Options;

namespace CarbonEdge.Edge.Hosting;

/// <summary>
/// Checks the DataAnnotations attributes of every gateway config section with code the options validation source
/// generator writes at build time, so the check needs no reflection and holds in the native (trimmed) binary. A new
/// config section type with attributes is added to the list below, or <c>GatewayConfigLoader</c> fails to cast to it
/// (and every config load with that section fails in the tests).
/// </summary>
[OptionsValidator]
internal sealed partial class GatewayConfigValidator :
    IValidateOptions<GatewayOptions>, IValidateOptions<MqttUplinkOptions>, IValidateOptions<UplinkOptions>,
    IValidateOptions<BufferLimits>, IValidateOptions<MetricsOptions>, IValidateOptions<SerialBusOptions>,
    IValidateOptions<DeviceOptions>, IValidateOptions<ModbusDeviceOptions>, IValidateOptions<Dlt645DeviceOptions>,
    IValidateOptions<PointOptions>, IValidateOptions<Hj212InputOptions>, IValidateOptions<Hj212StationOptions>;

using System.Text.Json.Serialization;

namespace CarbonEdge.Cloud.Registry;

/// <summary>Source-generated JSON of what the account tables keep as JSON text (a budget's twelve monthly amounts).</summary>
[JsonSerializable(typeof(double[]))]
internal sealed partial class AccountRegistryJson : JsonSerializerContext;

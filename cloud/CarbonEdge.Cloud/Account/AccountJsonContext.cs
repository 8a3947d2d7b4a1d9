using System.Text.Json.Serialization;
using CarbonEdge.Cloud.Registry;
using CarbonEdge.Protocols.Telemetry.Json;

namespace CarbonEdge.Cloud.Account;

/// <summary>Source-generated JSON of the account endpoints and the warning webhook: camelCase, RFC 3339 UTC timestamps.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, Converters = [typeof(Rfc3339UtcConverter)])]
[JsonSerializable(typeof(WarningRecord))]
[JsonSerializable(typeof(IReadOnlyList<WarningRecord>))]
[JsonSerializable(typeof(EconomicInputsDto))]
[JsonSerializable(typeof(IReadOnlyList<EconomicInputDto>))]
[JsonSerializable(typeof(BudgetInputDto))]
[JsonSerializable(typeof(BudgetStatusDto))]
[JsonSerializable(typeof(IReadOnlyList<BudgetStatusDto>))]
[JsonSerializable(typeof(EfficiencyGradeDto))]
[JsonSerializable(typeof(ForecastDto))]
[JsonSerializable(typeof(AccountDto))]
[JsonSerializable(typeof(EconomicImportDto))]
[JsonSerializable(typeof(PowerHistoryDto))]
internal sealed partial class AccountJsonContext : JsonSerializerContext;

using System.Text.Json;
using CarbonEdge.Estimation;
using CarbonEdge.Estimation.Account;

namespace CarbonEdge.Cloud.Registry;

/// <summary>
/// The enterprise carbon account in the registry: monthly economic inputs with their source (T/CEPPC 14-2023 §6.2.1),
/// annual budgets with their monthly allocation (T/ZJSEE energy-power monitoring guide §6.3.2.2) and warnings with
/// their state and webhook delivery (§6.3.1.5).
/// </summary>
internal sealed partial class RegistryStore
{
    private void CreateAccountTables() => Execute("""
        CREATE TABLE IF NOT EXISTS economic_input (enterprise TEXT NOT NULL REFERENCES enterprise(id), month TEXT NOT NULL,
            value_added REAL, output REAL, output_unit TEXT, source TEXT NOT NULL, updated_ms INTEGER NOT NULL, PRIMARY KEY (enterprise, month));
        CREATE TABLE IF NOT EXISTS budget (subject TEXT NOT NULL, subject_id TEXT NOT NULL, year INTEGER NOT NULL, quantity TEXT NOT NULL,
            total REAL NOT NULL, allocation TEXT NOT NULL, months TEXT NOT NULL, PRIMARY KEY (subject, subject_id, year, quantity));
        CREATE TABLE IF NOT EXISTS account_warning (id TEXT PRIMARY KEY, subject TEXT NOT NULL, subject_id TEXT NOT NULL, quantity TEXT NOT NULL,
            period TEXT NOT NULL, rule TEXT NOT NULL, state TEXT NOT NULL, value REAL NOT NULL, limit_value REAL NOT NULL, message TEXT NOT NULL,
            raised_ms INTEGER NOT NULL, cleared_ms INTEGER, notified_ms INTEGER);
        """);

    /// <summary>Inserts or replaces monthly economic inputs (one per enterprise and month) in one transaction.</summary>
    /// <exception cref="InvalidDataException">An enterprise is unknown (named).</exception>
    public void SaveEconomicInputs(IReadOnlyCollection<EconomicInput> inputs, DateTimeOffset now)
    {
        var known = Enterprises().Select(e => e.Id).ToHashSet();
        foreach (var i in inputs)
            Require(known.Contains(i.Enterprise), i.Source, $"unknown enterprise '{i.Enterprise}'");
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var i in inputs)
                Execute("""
                    INSERT INTO economic_input (enterprise, month, value_added, output, output_unit, source, updated_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)
                    ON CONFLICT(enterprise, month) DO UPDATE SET value_added = $3, output = $4, output_unit = $5, source = $6, updated_ms = $7
                    """, i.Enterprise, i.Month.ToString(), i.ValueAdded, i.Output, i.OutputUnit, i.Source, now.ToUnixTimeMilliseconds());
            transaction.Commit();
        }
    }

    /// <summary>Economic inputs of the months from <paramref name="first"/> to <paramref name="last"/> (inclusive), of one enterprise or all.</summary>
    public IReadOnlyList<EconomicInput> EconomicInputs(Period first, Period last, string? enterprise = null) =>
        Query("SELECT enterprise, month, value_added, output, output_unit, source FROM economic_input WHERE month >= $1 AND month <= $2 AND ($3 IS NULL OR enterprise = $3) ORDER BY enterprise, month",
            r => new EconomicInput(r.GetString(0), Period.TryParse(r.GetString(1), out var m) ? m : default, r.IsDBNull(2) ? null : r.GetDouble(2),
                r.IsDBNull(3) ? null : r.GetDouble(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5)),
            $"{first.First:yyyy-MM}", $"{last.First:yyyy-MM}", enterprise);

    /// <summary>Inserts or replaces a budget (the subject, year and quantity identify it).</summary>
    public void SaveBudget(WarningSubject subject, AnnualBudget budget)
    {
        lock (_lock)
        {
            Execute("""
                INSERT INTO budget (subject, subject_id, year, quantity, total, allocation, months) VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT(subject, subject_id, year, quantity) DO UPDATE SET total = $5, allocation = $6, months = $7
                """, WireName.Of(subject), budget.Subject, budget.Year, WireName.Of(budget.Quantity), budget.Total, WireName.Of(budget.Allocation),
                JsonSerializer.Serialize(budget.Months.ToArray(), AccountRegistryJson.Default.DoubleArray));
        }
    }

    /// <summary>Budgets of <paramref name="year"/>, of one subject or all.</summary>
    public IReadOnlyList<(WarningSubject Subject, AnnualBudget Budget)> Budgets(int year, WarningSubject? subject = null, string? subjectId = null) =>
        Query("SELECT subject, subject_id, year, quantity, total, allocation, months FROM budget WHERE year = $1 AND ($2 IS NULL OR subject = $2) AND ($3 IS NULL OR subject_id = $3) ORDER BY subject, subject_id, quantity",
            r => (Enum.Parse<WarningSubject>(r.GetString(0), true), AnnualBudget.Restore(r.GetString(1), r.GetInt32(2),
                Enum.Parse<BudgetQuantity>(r.GetString(3), true), r.GetDouble(4), Enum.Parse<BudgetAllocation>(r.GetString(5), true),
                JsonSerializer.Deserialize(r.GetString(6), AccountRegistryJson.Default.DoubleArray)!)),
            year, subject is null ? null : WireName.Of(subject.Value), subjectId);

    /// <summary>The state of a warning, or null when it was never raised.</summary>
    public WarningState? WarningStateOf(string id) =>
        Query("SELECT state FROM account_warning WHERE id = $1", r => r.GetString(0), id).FirstOrDefault() switch
        {
            "active" => WarningState.Active,
            "cleared" => WarningState.Cleared,
            _ => null,
        };

    /// <summary>Records transitions: a raised warning is inserted (active, not yet notified), a cleared or reopened one updated.</summary>
    public void ApplyWarnings(IEnumerable<(WarningCheck Check, WarningTransition Transition)> transitions, DateTimeOffset now)
    {
        long ms = now.ToUnixTimeMilliseconds();
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var (check, transition) in transitions)
            {
                var k = check.Key;
                if (transition == WarningTransition.Raised)
                    Execute("""
                        INSERT INTO account_warning (id, subject, subject_id, quantity, period, rule, state, value, limit_value, message, raised_ms)
                        VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $9, $10) ON CONFLICT(id) DO NOTHING
                        """, k.Id, WireName.Of(k.Subject), k.SubjectId, WireName.Of(k.Quantity), k.Period.ToString(), k.Rule, check.Value, check.Limit, check.Message, ms);
                else
                    Execute("UPDATE account_warning SET state = $2, value = $3, limit_value = $4, message = $5, cleared_ms = CASE WHEN $2 = 'cleared' THEN $6 ELSE cleared_ms END WHERE id = $1",
                        k.Id, transition == WarningTransition.Cleared ? "cleared" : "active", check.Value, check.Limit, check.Message, ms);
            }
            transaction.Commit();
        }
    }

    /// <summary>Warnings, newest first: active only, or all; of one subject or all.</summary>
    public IReadOnlyList<WarningRecord> Warnings(bool activeOnly, string? subjectId = null) =>
        Query("SELECT id, subject, subject_id, quantity, period, rule, state, value, limit_value, message, raised_ms, cleared_ms, notified_ms FROM account_warning " +
              "WHERE ($1 = 0 OR state = 'active') AND ($2 IS NULL OR subject_id = $2) ORDER BY raised_ms DESC, id",
            r => new WarningRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                r.GetDouble(7), r.GetDouble(8), r.GetString(9), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10)),
                r.IsDBNull(11) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(11)),
                r.IsDBNull(12) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(12))),
            activeOnly ? 1 : 0, subjectId);

    /// <summary>Raised warnings the webhook has not accepted yet, oldest first.</summary>
    public IReadOnlyList<WarningRecord> UnnotifiedWarnings() =>
        [.. Warnings(activeOnly: false).Where(w => w.NotifiedAt is null).OrderBy(w => w.RaisedAt)];

    /// <summary>Marks a warning as accepted by the webhook.</summary>
    public void MarkNotified(string id, DateTimeOffset now)
    {
        lock (_lock)
        {
            Execute("UPDATE account_warning SET notified_ms = $2 WHERE id = $1", id, now.ToUnixTimeMilliseconds());
        }
    }
}

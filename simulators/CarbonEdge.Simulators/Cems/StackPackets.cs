using System.Globalization;
using CarbonEdge.Protocols.Hj212.Commands;
using CarbonEdge.Protocols.Hj212.Pollutants;
using CarbonEdge.Protocols.Hj212.Segment;

namespace CarbonEdge.Simulators.Cems;

/// <summary>
/// The data packets a stack's data-acquisition unit sends: 2011 (<c>-Rtd</c>), 2051 and 2061 (<c>-Avg</c>, <c>-Min</c>,
/// <c>-Max</c>, <c>-Cou</c> for flow), with the codes of HJ 212-2017 Table B.2 in their units (values converted from the
/// model by <see cref="Hj212PointMap"/>, written in full round-trip precision).
/// </summary>
internal static class StackPackets
{
    /// <summary>A data packet of <paramref name="cn"/> for the period starting at <paramref name="dataTime"/>, averaging <paramref name="states"/>.</summary>
    public static Hj212Packet Data(Hj212CommandCode cn, string st, string pw, string mn, DateTime qn, DateTime dataTime, IReadOnlyList<StackState> states)
    {
        bool realTime = cn == Hj212CommandCode.RealTimeData;
        var pollutants = new List<Hj212PollutantValues>();
        foreach (var (code, value) in Codes)
        {
            Hj212PointMap.TryGet(code, out var mapping);
            var values = states.Select(s => mapping.ToHj212(value(s))).ToList();
            var fields = new List<KeyValuePair<string, string>>();
            if (realTime)
            {
                fields.Add(new("Rtd", Number(values[0])));
            }
            else
            {
                if (code == "a00000") fields.Add(new("Cou", Number(values.Average() * states.Count * 60)));  // m3 over the period (m3/s x s)
                fields.Add(new("Min", Number(values.Min())));
                fields.Add(new("Avg", Number(values.Average())));
                fields.Add(new("Max", Number(values.Max())));
            }
            fields.Add(new("Flag", "N"));
            pollutants.Add(new Hj212PollutantValues(code, fields));
        }
        var cp = new Hj212Cp(dataTime, [], pollutants);
        return new Hj212Packet(Hj212Time.FormatQn(qn), st, cn, pw, mn, new Hj212Flag(Hj212Flag.Version2017, false, true), null, null, cp.Format());
    }

    private static readonly (string Code, Func<StackState, double> Value)[] Codes =
    [
        ("a05001", s => s.Co2PercentDry),
        ("a19001", s => s.O2PercentDry),
        ("a00000", s => s.FlowStdDryM3PerHour),
        ("a01011", s => s.VelocityMPerS),
        ("a01012", s => s.TemperatureC),
        ("a01013", s => s.PressureKPa),
        ("a01014", s => s.MoisturePercent),
    ];

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

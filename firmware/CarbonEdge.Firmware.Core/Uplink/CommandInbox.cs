namespace CarbonEdge.Firmware.Core.Uplink
{
    /// <summary>
    /// Commands from the cloud (<c>carbonedge/v1/{site}/{terminal}/cmd/{name}</c>, docs/telemetry.md): the MQTT
    /// library's thread drops them here, the main loop takes them in order and answers each. Up to
    /// <see cref="Capacity"/> wait; a command arriving when all slots are taken is counted in <see cref="Dropped"/>
    /// (reported in the status). <c>read-now</c> polls at once, <c>status</c> answers the counters.
    /// </summary>
    public sealed class CommandInbox
    {
        /// <summary>Longest correlation id kept (longer ones are cut).</summary>
        public const int MaxCorrelationId = 64;

        /// <summary>Commands that can wait to be answered.</summary>
        public const int Capacity = 4;

        private static readonly byte[] CorrelationKey = { (byte)'"', (byte)'c', (byte)'o', (byte)'r', (byte)'r', (byte)'e', (byte)'l',
            (byte)'a', (byte)'t', (byte)'i', (byte)'o', (byte)'n', (byte)'I', (byte)'d', (byte)'"' };

        private readonly object _gate = new object();
        private readonly string[] _names = new string[Capacity];
        private readonly byte[][] _correlationIds = new byte[Capacity][];
        private readonly int[] _correlationLengths = new int[Capacity];
        private int _first;
        private int _count;

        /// <summary>An empty inbox.</summary>
        public CommandInbox()
        {
            for (int i = 0; i < Capacity; i++)
            {
                _names[i] = "";
                _correlationIds[i] = new byte[MaxCorrelationId];
            }
        }

        /// <summary>Commands received since boot.</summary>
        public int Received { get; private set; }

        /// <summary>Commands dropped because <see cref="Capacity"/> were already waiting.</summary>
        public int Dropped { get; private set; }

        /// <summary>Takes a message from the command topic (called on the MQTT library's thread).</summary>
        public void Receive(string topic, byte[] payload, int length)
        {
            lock (_gate)
            {
                Received++;
                if (_count == Capacity)
                {
                    Dropped++;
                    return;
                }
                int slot = (_first + _count++) % Capacity;
                _names[slot] = topic.Substring(topic.LastIndexOf('/') + 1);
                _correlationLengths[slot] = FindCorrelationId(payload, length, _correlationIds[slot]);
            }
        }

        /// <summary>
        /// Takes the oldest waiting command, if any: its name and its correlation id (copied into
        /// <paramref name="correlationId"/>, which must hold <see cref="MaxCorrelationId"/> bytes). Null when none waits.
        /// </summary>
        public string? Take(byte[] correlationId, out int correlationLength)
        {
            lock (_gate)
            {
                correlationLength = 0;
                if (_count == 0)
                    return null;
                int slot = _first;
                _first = (_first + 1) % Capacity;
                _count--;
                correlationLength = _correlationLengths[slot];
                for (int i = 0; i < correlationLength; i++)
                    correlationId[i] = _correlationIds[slot][i];
                return _names[slot];
            }
        }

        private static int FindCorrelationId(byte[] payload, int length, byte[] destination)
        {
            for (int start = 0; start + CorrelationKey.Length <= length; start++)
            {
                int k = 0;
                while (k < CorrelationKey.Length && payload[start + k] == CorrelationKey[k])
                    k++;
                if (k < CorrelationKey.Length)
                    continue;
                int p = start + k;
                while (p < length && (payload[p] == ' ' || payload[p] == ':'))
                    p++;
                if (p >= length || payload[p] != '"')
                    return 0;
                int n = 0;
                for (p++; p < length && payload[p] != '"' && n < destination.Length; p++)
                    if (payload[p] >= 0x20 && payload[p] < 0x7F && payload[p] != '\\')
                        destination[n++] = payload[p];
                return n;
            }
            return 0;
        }
    }
}

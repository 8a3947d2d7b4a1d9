namespace CarbonEdge.Firmware.Core.Uplink
{
    /// <summary>
    /// Commands from the cloud (<c>carbonedge/v1/{site}/{terminal}/cmd/{name}</c>, docs/telemetry.md): the MQTT
    /// library's thread drops them here, the main loop takes them. Holds one command at a time (a second one before
    /// the first is answered is refused with a reply). <c>read-now</c> polls at once, <c>status</c> answers the counters.
    /// </summary>
    public sealed class CommandInbox
    {
        /// <summary>Longest correlation id kept (longer ones are cut).</summary>
        public const int MaxCorrelationId = 64;

        private static readonly byte[] CorrelationKey = { (byte)'"', (byte)'c', (byte)'o', (byte)'r', (byte)'r', (byte)'e', (byte)'l',
            (byte)'a', (byte)'t', (byte)'i', (byte)'o', (byte)'n', (byte)'I', (byte)'d', (byte)'"' };

        private readonly object _gate = new object();
        private readonly byte[] _correlationId = new byte[MaxCorrelationId];
        private int _correlationLength;
        private string _name = "";
        private bool _pending;

        /// <summary>Commands received since boot.</summary>
        public int Received { get; private set; }

        /// <summary>Takes a message from the command topic (called on the MQTT library's thread).</summary>
        public void Receive(string topic, byte[] payload, int length)
        {
            lock (_gate)
            {
                Received++;
                if (_pending)
                    return;
                int slash = topic.LastIndexOf('/');
                _name = topic.Substring(slash + 1);
                _correlationLength = FindCorrelationId(payload, length, _correlationId);
                _pending = true;
            }
        }

        /// <summary>
        /// Takes the pending command, if any: its name and its correlation id (copied into
        /// <paramref name="correlationId"/>, which must hold <see cref="MaxCorrelationId"/> bytes). Returns null when
        /// there is none.
        /// </summary>
        public string? Take(byte[] correlationId, out int correlationLength)
        {
            lock (_gate)
            {
                correlationLength = 0;
                if (!_pending)
                    return null;
                _pending = false;
                for (int i = 0; i < _correlationLength; i++)
                    correlationId[i] = _correlationId[i];
                correlationLength = _correlationLength;
                return _name;
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

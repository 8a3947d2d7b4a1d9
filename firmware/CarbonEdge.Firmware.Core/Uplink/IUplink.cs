namespace CarbonEdge.Firmware.Core.Uplink
{
    /// <summary>
    /// The board's MQTT client (nanoFramework.M2Mqtt on the ESP32, MQTTnet on Linux): the wire protocol is the
    /// library's, the decisions (what, when, what an acknowledgement means) are the core's. Commands arriving on the
    /// subscribed filter go to <see cref="CommandInbox.Receive"/>.
    /// </summary>
    public interface IUplink
    {
        /// <summary>True while the session is up.</summary>
        bool IsConnected { get; }

        /// <summary>
        /// Connects with a persistent session (clean session off) as <paramref name="clientId"/>, the retained QoS 1 Last
        /// Will <paramref name="willPayload"/> on <paramref name="willTopic"/>, and subscribes at QoS 1 to
        /// <paramref name="commandFilter"/>. False when the broker is unreachable or refuses.
        /// </summary>
        bool Connect(string clientId, string willTopic, byte[] willPayload, int willLength, string commandFilter);

        /// <summary>
        /// Publishes <paramref name="length"/> bytes of <paramref name="payload"/> at QoS 1; true only once the broker's
        /// PUBACK arrived (within the board's timeout). False on refusal, timeout or a dropped connection.
        /// </summary>
        bool Publish(string topic, byte[] payload, int length, bool retain);

        /// <summary>Closes the session (the next <see cref="Connect"/> resumes it).</summary>
        void Disconnect();
    }
}

namespace CarbonEdge.Protocols.BrokerLink;

/// <summary>
/// The broker refused something: the CONNECT (bad username or password, not authorized: CONNACK reason code), a
/// subscription (SUBACK reason code, e.g. an ACL denial), a publish (PUBACK reason code, MQTT 5), or TLS (certificate
/// not trusted). The message names the reason code and what to check.
/// </summary>
/// <remarks>MQTT 3.1.1 §3.2.2.3 (CONNACK return codes), §3.9.3 (SUBACK 0x80); MQTT 5.0 §2.4 (reason codes).</remarks>
public sealed class BrokerRefusedException : Exception
{
    /// <summary>Creates the exception for <paramref name="reasonCode"/> with a message.</summary>
    public BrokerRefusedException(string reasonCode, string message, Exception? innerException = null) : base(message, innerException) => ReasonCode = reasonCode;

    /// <summary>The reason code's name, e.g. <c>BadUserNameOrPassword</c>, <c>NotAuthorized</c>, <c>CertificateNotTrusted</c>.</summary>
    public string ReasonCode { get; }
}

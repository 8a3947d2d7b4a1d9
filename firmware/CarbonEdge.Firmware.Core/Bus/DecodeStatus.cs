namespace CarbonEdge.Firmware.Core.Bus
{
    /// <summary>The outcome of decoding a frame from received bytes.</summary>
    public enum DecodeStatus
    {
        /// <summary>A whole frame was decoded; <c>consumed</c> bytes belong to it.</summary>
        Complete,
        /// <summary>The bytes are a valid prefix of a frame; nothing was consumed.</summary>
        NeedMoreData,
        /// <summary>The bytes are not a valid frame; the error says why.</summary>
        Invalid,
    }
}

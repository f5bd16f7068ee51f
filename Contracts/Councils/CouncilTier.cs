namespace Recommend.Contracts.Councils;

/// <summary>Which layer of local government a council is: see <see cref="GovernanceType.TierOf"/>.</summary>
public enum CouncilTier
{
    Single,
    Upper,
    Lower,
    Strategic,
}

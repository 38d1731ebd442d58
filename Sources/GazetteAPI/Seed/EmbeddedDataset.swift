import Foundation

/// The dataset built from Báo Sơn La's report (`Seed/dataset.json`, a resource of this module).
public enum EmbeddedDataset {
    /// The bytes of `dataset.json`, or `nil` when the resource bundle is missing.
    public static func bytes() -> [UInt8]? {
        guard let url = Bundle.module.url(forResource: "dataset", withExtension: "json"),
              let data = try? Data(contentsOf: url) else { return nil }
        return Array(data)
    }
}

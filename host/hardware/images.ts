// Program images as the monitors see them: read-only files, like a disk every core can read.
// Monitors find a domain's image here by id (to map it, and to translate a spawn's entry
// between ISA slices); nothing in an image ever changes once stored.
import type { WfxFile } from '../../toolchain/image/format.js';

export class ImageStore {
  private readonly images = new Map<number, { image: WfxFile; name: string }>();

  put(id: number, image: WfxFile, name: string): void {
    this.images.set(id, { image, name });
  }

  get(id: number): { image: WfxFile; name: string } {
    const e = this.images.get(id);
    if (!e) throw new Error(`image ${id} is not in the store`);
    return e;
  }
}

# Sourced by the side-by-side scripts (run from the package root).
# private_dataset DATASET WORK TRAIN VAL: copies ../shared/datasets/DATASET's images and labels into WORK and writes
# WORK/data.yaml with WORK as its absolute path, the given train and val folders and the dataset's class names.
# Both sides train on this copy: the reference writes label caches beside the labels and resolves `path: .` against
# its own datasets folder, not the yaml's.
private_dataset() {
  local source=../shared/datasets/$1 work=$2
  rm -rf "$work/images" "$work/labels"
  cp -r "$source/images" "$source/labels" "$work/"
  printf 'path: %s\ntrain: %s\nval: %s\n' "$work" "$3" "$4" > "$work/data.yaml"
  sed -n '/^names:/,$p' "$source/data.yaml" >> "$work/data.yaml"
}

"""Stand-in for Hugging Face `datasets` (README examples only): Dataset.from_list and iteration over rows."""


class Dataset:
    def __init__(self, rows):
        self._rows = list(rows)

    @classmethod
    def from_list(cls, rows):
        return cls(rows)

    def __iter__(self):
        return iter(self._rows)

    def __len__(self):
        return len(self._rows)

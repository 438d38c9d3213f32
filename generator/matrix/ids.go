package matrix

import "strings"

// FeatureIDs lists the feature ids for messages: "mirroring, ag", or "none".
func (m *Matrix) FeatureIDs() string {
	var ids []string
	for _, f := range m.Features {
		ids = append(ids, f.ID)
	}
	return idList(ids)
}

// DimensionIDs lists the dimension ids for messages.
func (m *Matrix) DimensionIDs() string {
	var ids []string
	for _, d := range m.Dimensions {
		ids = append(ids, d.ID)
	}
	return idList(ids)
}

// ValueIDs lists the value ids of every dimension for messages.
func (m *Matrix) ValueIDs() string {
	var ids []string
	for _, d := range m.Dimensions {
		for _, v := range d.Values {
			ids = append(ids, v.ID)
		}
	}
	return idList(ids)
}

// ValueIDs lists the dimension's value ids for messages.
func (d *Dimension) ValueIDs() string {
	var ids []string
	for _, v := range d.Values {
		ids = append(ids, v.ID)
	}
	return idList(ids)
}

func idList(ids []string) string {
	if len(ids) == 0 {
		return "none (the support matrix in rules/ defines none)"
	}
	return strings.Join(ids, ", ")
}

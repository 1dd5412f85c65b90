package badgerstore_test

import (
	"context"
	"fmt"
	"log"

	"diplograph/graph"
	"diplograph/graph/badgerstore"
)

func ExampleOpen() {
	// On disk: badgerstore.Open(dir, badgerstore.Options{}).
	s, err := badgerstore.Open("", badgerstore.Options{InMemory: true})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	err = s.Update(ctx, func(tx graph.Tx) error {
		for _, code := range []string{"LY", "DZ", "TN"} {
			if err := tx.Put([]byte("country/"+code), []byte(code)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	err = s.View(ctx, func(tx graph.ReadTx) error {
		return tx.Scan(ctx, []byte("country/"), nil, func(k, v []byte) (bool, error) {
			fmt.Printf("%s\n", k)
			return true, nil
		})
	})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// country/DZ
	// country/LY
	// country/TN
}
